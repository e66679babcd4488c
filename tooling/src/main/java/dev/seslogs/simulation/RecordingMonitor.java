package dev.seslogs.simulation;

import com.google.protobuf.Struct;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.serialization.internal.Deserializer;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The SDK's mock monitor, plus a record of every register-resource request exactly as the
 * engine would receive it, options included (protect, retainOnDelete, import id), which the
 * public mock API does not show.
 */
final class RecordingMonitor extends MockMonitor {
    /** How the engine marks a value that is not known yet (pulumi/sdk/go/common/resource/plugin). */
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private final Deserializer deserializer;
    /**
     * Keyed by the order the program constructed the resources in; the SDK sends registrations
     * only once their inputs resolve, in no fixed order.
     */
    private final Map<Integer, DeclaredResource> declared = new ConcurrentSkipListMap<>();

    private final Map<Resource, Integer> constructionOrder = Collections.synchronizedMap(new IdentityHashMap<>());
    private final AtomicInteger constructed = new AtomicInteger();

    RecordingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
        this.deserializer = new Deserializer(log);
    }

    /** A stack transformation: called synchronously in every resource's constructor. */
    ResourceTransformation constructionRecorder() {
        return args -> {
            constructionOrder.put(args.resource(), constructed.getAndIncrement());
            return Optional.empty();
        };
    }

    List<DeclaredResource> declared() {
        return List.copyOf(declared.values());
    }

    /** Resources the program reads rather than creates (a StackReference is one). */
    @Override
    public CompletableFuture<ReadResourceResponse> readResourceAsync(Resource resource, ReadResourceRequest request) {
        var order = constructionOrder.getOrDefault(resource, -1);
        return super.readResourceAsync(resource, request)
                .thenApply(RecordingMonitor::asTheEngineNamesIt)
                .thenApply(response -> {
                    declared.put(
                            order,
                            new DeclaredResource(
                                    response.getUrn(),
                                    request.getType(),
                                    request.getName(),
                                    request.getParent(),
                                    true,
                                    toMap(request.getProperties()),
                                    request.getId(),
                                    toMap(response.getProperties()),
                                    false,
                                    false,
                                    "",
                                    request.getDependenciesList(),
                                    Map.of(),
                                    request.getProvider(),
                                    true,
                                    false));
                    return response;
                });
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
            Resource resource, RegisterResourceRequest request) {
        var order = constructionOrder.getOrDefault(resource, -1);
        return super.registerResourceAsync(resource, request)
                .thenApply(RecordingMonitor::asTheEngineNamesIt)
                .thenApply(response -> {
                    declared.put(
                            order,
                            new DeclaredResource(
                                    response.getUrn(),
                                    request.getType(),
                                    request.getName(),
                                    request.getParent(),
                                    request.getCustom(),
                                    toMap(request.getObject()),
                                    response.getId(),
                                    toMap(response.getObject()),
                                    request.getProtect(),
                                    request.getRetainOnDelete(),
                                    request.getImportId(),
                                    request.getDependenciesList(),
                                    propertyDependencies(request),
                                    request.getProvider(),
                                    false,
                                    request.getDeleteBeforeReplace()));
                    return response;
                });
    }

    private static Map<String, List<String>> propertyDependencies(RegisterResourceRequest request) {
        var byProperty = new java.util.TreeMap<String, List<String>>();
        request.getPropertyDependenciesMap()
                .forEach((property, urns) -> byProperty.put(
                        property,
                        urns.getUrnsList().stream()
                                .map(RecordingMonitor::engineUrn)
                                .toList()));
        return byProperty;
    }

    /**
     * The engine leaves the root stack out of its children's URNs
     * ({@code urn:pulumi:dev::ses-logs::ses-logs:index:LogArchive::log-archive}); the SDK's mock
     * monitor qualifies them with it ({@code ...::pulumi:pulumi:Stack$ses-logs:index:LogArchive::...}).
     * The SDK takes every parent, dependency and provider reference from these answers, so fixing
     * the answer gives the program the engine's URNs throughout.
     */
    static String engineUrn(String urn) {
        return urn.replace("::pulumi:pulumi:Stack$", "::");
    }

    private static RegisterResourceResponse asTheEngineNamesIt(RegisterResourceResponse response) {
        return response.toBuilder().setUrn(engineUrn(response.getUrn())).build();
    }

    private static ReadResourceResponse asTheEngineNamesIt(ReadResourceResponse response) {
        return response.toBuilder().setUrn(engineUrn(response.getUrn())).build();
    }

    private Map<String, Object> toMap(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((key, value) -> {
            var data = deserializer.deserialize(value);
            if (!data.isKnown()) {
                map.put(key, UNKNOWN);
            } else {
                data.getValueOptional().ifPresent(v -> map.put(key, normalize(v)));
            }
        });
        return map;
    }

    /** Protobuf carries every number as a double; show whole numbers as the integers they were. */
    static Object normalize(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
            return Math.abs(number) <= Integer.MAX_VALUE ? (Object) number.intValue() : (Object) number.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RecordingMonitor::normalize).toList();
        }
        return value;
    }
}
