package dev.seslogs.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON document {@code pulumi preview --json} prints for a first deployment: config, one step
 * per resource (op, urn, provider, newState) and the change summary; see pulumi/pulumi
 * pkg/backend/display/json.go (ShowPreviewDigest) and apitype.ResourceV3 for the state fields.
 */
public final class PreviewDigest {
    /** How the engine writes a value that is not known before deployment (a provider's id, here). */
    public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    /** The AWS provider version this program is built against (pom.xml). */
    public static final String AWS_PROVIDER_VERSION = "6.83.0";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PreviewDigest() {}

    public static String defaultProviderUrn(String stack, String project) {
        return "urn:pulumi:" + stack + "::" + project + "::pulumi:providers:aws::default_"
                + AWS_PROVIDER_VERSION.replace('.', '_');
    }

    /** "create"; "import" for a resource adopted with the import option; "read" for one only read. */
    public static String operation(DeclaredResource resource) {
        return resource.read() ? "read" : resource.importId().isEmpty() ? "create" : "import";
    }

    /** Whether the engine would add its default AWS provider: some AWS resource names no provider. */
    public static boolean needsDefaultProvider(StackSimulation.Result result) {
        return result.resources().stream()
                .anyMatch(r -> r.type().startsWith("aws:") && r.provider().isEmpty());
    }

    /**
     * The provider reference ({@code urn::id}) a step shows: a provider created in this deployment
     * has no id before it exists.
     */
    static String providerReference(DeclaredResource resource, String defaultProvider) {
        if (!resource.custom() || resource.type().startsWith("pulumi:")) {
            return "";
        }
        if (resource.provider().isEmpty()) {
            return defaultProvider + "::" + UNKNOWN;
        }
        return resource.provider().substring(0, resource.provider().lastIndexOf("::")) + "::" + UNKNOWN;
    }

    public static ObjectNode of(
            String stack,
            String project,
            Map<String, String> config,
            StackSimulation.Result result,
            Duration duration) {
        var digest = JSON.createObjectNode();
        digest.set("config", JSON.valueToTree(new TreeMap<>(config)));
        var steps = digest.putArray("steps");
        var providerUrn = defaultProviderUrn(stack, project);
        var summary = new LinkedHashMap<String, Integer>();

        for (var resource : result.resources()) {
            if (resource.type().startsWith("aws:")
                    && resource.provider().isEmpty()
                    && steps.findValues("urn").stream()
                            .noneMatch(u -> u.asText().equals(providerUrn))) {
                // The engine registers the default provider just before the first resource that needs it.
                var provider = JSON.createObjectNode();
                provider.put("urn", providerUrn);
                provider.put("custom", true);
                provider.put("type", "pulumi:providers:aws");
                provider.putObject("inputs").put("version", AWS_PROVIDER_VERSION);
                steps.add(step("create", providerUrn, "", provider));
                summary.merge("create", 1, Integer::sum);
            }
            var op = operation(resource);
            var state = JSON.createObjectNode();
            state.put("urn", resource.urn());
            state.put("custom", resource.custom());
            state.put("type", resource.type());
            if (!resource.importId().isEmpty()) {
                state.put("id", resource.importId());
            }
            var inputs = JSON.valueToTree(resource.inputs());
            if (resource.type().equals("pulumi:providers:aws")) {
                // The engine adds the provider's plugin version (and its own bookkeeping) to an explicit provider's
                // inputs.
                ((ObjectNode) inputs).putObject("__internal");
                ((ObjectNode) inputs).put("version", AWS_PROVIDER_VERSION);
            }
            state.set("inputs", inputs);
            // A first preview knows no outputs but the stack's own (its exports).
            state.set(
                    "outputs",
                    JSON.valueToTree(resource.type().equals("pulumi:pulumi:Stack") ? result.exports() : Map.of()));
            if (!resource.parentUrn().isEmpty()) {
                state.put("parent", resource.parentUrn());
            }
            if (resource.protect()) {
                state.put("protect", true);
            }
            if (!resource.dependencies().isEmpty()) {
                state.set("dependencies", JSON.valueToTree(resource.dependencies()));
            }
            if (!resource.propertyDependencies().isEmpty()) {
                state.set(
                        "propertyDependencies",
                        JSON.valueToTree(new java.util.TreeMap<>(resource.propertyDependencies())));
            }
            var stepProvider = providerReference(resource, providerUrn);
            if (!stepProvider.isEmpty()) {
                state.put("provider", stepProvider);
            }
            if (!resource.importId().isEmpty()) {
                state.put("importID", resource.importId());
            }
            if (resource.retainOnDelete()) {
                state.put("retainOnDelete", true);
            }
            steps.add(step(op, resource.urn(), stepProvider, state));
            summary.merge(op, 1, Integer::sum);
        }
        digest.put("duration", duration.toNanos());
        digest.set("changeSummary", JSON.valueToTree(summary));
        return digest;
    }

    private static ObjectNode step(String op, String urn, String provider, ObjectNode newState) {
        var step = JSON.createObjectNode();
        step.put("op", op);
        step.put("urn", urn);
        if (!provider.isEmpty()) {
            step.put("provider", provider);
        }
        step.set("newState", newState);
        return step;
    }

    public static String render(ObjectNode digest) {
        try {
            return JSON.writeValueAsString(digest);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
