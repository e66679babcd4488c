package dev.seslogs.simulation;

import java.util.List;
import java.util.Map;

/**
 * One resource as the program declared it to the engine: the register-resource request (type,
 * name, parent, options, inputs) and what the simulated AWS answered (id and outputs).
 * {@code propertyDependencies} names, per input, the resources its value came from: the engine
 * sends them to policy packs, which link a bucket to its policy by them while ids are unknown.
 * {@code read} marks a resource the program reads instead of managing (a StackReference).
 * {@code deleteBeforeReplace}: a replacement deletes the old resource first (a fixed name).
 */
public record DeclaredResource(
        String urn,
        String type,
        String name,
        String parentUrn,
        boolean custom,
        Map<String, Object> inputs,
        String id,
        Map<String, Object> outputs,
        boolean protect,
        boolean retainOnDelete,
        String importId,
        List<String> dependencies,
        Map<String, List<String>> propertyDependencies,
        String provider,
        boolean read,
        boolean deleteBeforeReplace) {

    public DeclaredResource {
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(inputs);
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(outputs);
        dependencies = List.copyOf(dependencies);
        propertyDependencies = propertyDependencies == null ? Map.of() : Map.copyOf(propertyDependencies);
    }

    /** An input by dotted path ({@code extendedS3Configuration.prefix}), or null where absent. */
    public Object input(String path) {
        return PropertyPaths.get(inputs, path);
    }

    public Object output(String path) {
        return PropertyPaths.get(outputs, path);
    }
}
