package dev.seslogs.simulation;

import com.google.protobuf.Struct;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.serialization.internal.Deserializer;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's mock monitor, plus a record of every register-resource request exactly as the
 * engine would receive it, options included (protect, retainOnDelete, import id), which the
 * public mock API does not show.
 */
final class RecordingMonitor extends MockMonitor {
    /** How the engine marks a value that is not known yet (pulumi/sdk/go/common/resource/plugin). */
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private final Deserializer deserializer;
    private final List<DeclaredResource> declared = Collections.synchronizedList(new ArrayList<>());

    RecordingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
        this.deserializer = new Deserializer(log);
    }

    List<DeclaredResource> declared() {
        synchronized (declared) {
            return List.copyOf(declared);
        }
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            declared.add(new DeclaredResource(
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
                    request.getProvider()));
            return response;
        });
    }

    private Map<String, Object> toMap(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((key, value) -> {
            var data = deserializer.deserialize(value);
            if (!data.isKnown()) {
                map.put(key, UNKNOWN);
            } else {
                data.getValueOptional().ifPresent(v -> map.put(key, v));
            }
        });
        return map;
    }
}
