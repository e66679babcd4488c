package dev.seslogs.simulation;

import java.util.List;
import java.util.Map;

/**
 * One resource as the program declared it to the engine: the register-resource request (type,
 * name, parent, options, inputs) and what the simulated AWS answered (id and outputs).
 * {@code read} marks a resource the program reads instead of managing (a StackReference).
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
        String provider,
        boolean read) {

    public DeclaredResource {
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(inputs);
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(outputs);
        dependencies = List.copyOf(dependencies);
    }

    /** An input by dotted path ({@code extendedS3Configuration.prefix}), or null where absent. */
    public Object input(String path) {
        return PropertyPaths.get(inputs, path);
    }

    public Object output(String path) {
        return PropertyPaths.get(outputs, path);
    }
}
