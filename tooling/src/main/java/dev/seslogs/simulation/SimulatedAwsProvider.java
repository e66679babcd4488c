package dev.seslogs.simulation;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import pulumirpc.Plugin;
import pulumirpc.Provider;
import pulumirpc.ResourceProviderGrpc;

/**
 * The {@code aws} provider of the real Pulumi engine, answered by the same {@link SimulatedAws}
 * the tests and the offline preview use: the engine attaches to it with
 * {@code PULUMI_DEBUG_PROVIDERS=aws:<port>} and sends it configure, check, diff, create, read,
 * update, delete and invoke calls as it would to pulumi-resource-aws. What AWS would refuse fails
 * here too; a change replaces a resource only where the AWS provider's schema forces it
 * ({@link ReplaceRules}).
 *
 * <p>Usage: {@code java -cp target/ses-logs.jar dev.seslogs.simulation.SimulatedAwsProvider
 * (--account ID [--existing-identity NAME]... | --for-stack PROJECT-DIR STACK) [--log FILE]}:
 * prints the port it listens on (on loopback) and serves until it is stopped.
 */
public final class SimulatedAwsProvider extends ResourceProviderGrpc.ResourceProviderImplBase {
    /** The version of pulumi-aws this program is built against (pom.xml); the engine asks for it. */
    public static final String AWS_PROVIDER_VERSION = "6.83.0";

    private static final String DEFAULT_REGION = "us-east-1";

    private final SimulatedAws aws;
    private final Set<String> existingIdentities;
    private final Optional<Path> log;
    private final Faults faults;
    /** What this provider created (and did not delete since), by type and id: what a read of a pending create finds. */
    private final Map<String, Existing> existing = new java.util.concurrent.ConcurrentHashMap<>();

    private record Existing(Map<String, Object> inputs, Map<String, Object> state) {}

    private final AtomicReference<Map<String, Object>> configuration = new AtomicReference<>(Map.of());

    public SimulatedAwsProvider(String accountId, Set<String> existingIdentities, Optional<Path> log) {
        this(accountId, existingIdentities, log, Faults.none());
    }

    /** With {@code faults}: AWS errors, delays, drift and deletions injected by a test ({@link Faults}). */
    public SimulatedAwsProvider(String accountId, Set<String> existingIdentities, Optional<Path> log, Faults faults) {
        this.aws = new SimulatedAws(accountId, DEFAULT_REGION);
        this.existingIdentities = Set.copyOf(existingIdentities);
        this.log = log;
        this.faults = faults;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String account = null;
        var identities = new TreeSet<String>();
        Optional<Path> log = Optional.empty();
        Optional<Path> faults = Optional.empty();
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--account" -> account = args[++i];
                case "--existing-identity" -> identities.add(args[++i]);
                case "--for-stack" -> {
                    // The account a stack file allows, holding the identities it adopts: what the
                    // stack's credentials would reach in AWS.
                    var settings = dev.seslogs.config.Settings.load(
                            new dev.seslogs.simulation.StackFiles(Path.of(args[++i]), args[++i]).config(),
                            StackSimulation.PROJECT);
                    account = settings.allowedAccountIds().stream().findFirst().orElse(SimulatedAws.DEFAULT_ACCOUNT_ID);
                    settings.identities().stream()
                            .filter(dev.seslogs.config.SesIdentity::existing)
                            .forEach(identity -> identities.add(identity.name()));
                }
                case "--log" -> log = Optional.of(Path.of(args[++i]));
                case "--faults" -> faults = Optional.of(Path.of(args[++i]));
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        if (account == null || !account.matches("\\d{12}")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        var server = serve(new SimulatedAwsProvider(account, identities, log, new Faults(faults)));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        // The engine's plugin protocol: the port, alone on the first line of standard output.
        System.out.println(server.getPort());
        System.out.flush();
        server.awaitTermination();
    }

    private static final String USAGE =
            "usage: SimulatedAwsProvider (--account ID [--existing-identity NAME]... | --for-stack PROJECT-DIR STACK) [--log FILE] [--faults FILE]";

    public static Server serve(SimulatedAwsProvider provider) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(provider)
                .build()
                .start();
    }

    private void record(String operation, String type, String urn, String id) {
        log.ifPresent(file -> {
            try {
                Files.writeString(
                        file,
                        operation + " " + type + " " + urn + (id.isEmpty() ? "" : " " + id) + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Answers one call; an AWS refusal or a broken request becomes the gRPC error the engine reports. */
    private static <T> void answer(StreamObserver<T> observer, Supplier<T> response) {
        try {
            observer.onNext(response.get());
            observer.onCompleted();
        } catch (AwsRefusal refusal) {
            observer.onError(Status.INVALID_ARGUMENT
                    .withDescription(refusal.getMessage())
                    .asRuntimeException());
        } catch (Faults.InjectedAwsError error) {
            // The AWS provider reports an AWS error as a failed call with the SDK's message.
            observer.onError(Status.UNKNOWN.withDescription(error.getMessage()).asRuntimeException());
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        } catch (RuntimeException e) {
            observer.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
    }

    private static String logicalName(String urn) {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }

    @Override
    public void handshake(
            Provider.ProviderHandshakeRequest request, StreamObserver<Provider.ProviderHandshakeResponse> observer) {
        answer(observer, () -> Provider.ProviderHandshakeResponse.newBuilder()
                .setAcceptSecrets(false)
                .setAcceptResources(false)
                .setAcceptOutputs(false)
                .build());
    }

    @Override
    public void getPluginInfo(Empty request, StreamObserver<Plugin.PluginInfo> observer) {
        answer(observer, () -> Plugin.PluginInfo.newBuilder()
                .setVersion(AWS_PROVIDER_VERSION)
                .build());
    }

    @Override
    public void attach(Plugin.PluginAttach request, StreamObserver<Empty> observer) {
        answer(observer, Empty::getDefaultInstance);
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> observer) {
        answer(observer, Empty::getDefaultInstance);
    }

    @Override
    public void checkConfig(Provider.CheckRequest request, StreamObserver<Provider.CheckResponse> observer) {
        answer(observer, () -> Provider.CheckResponse.newBuilder()
                .setInputs(request.getNews())
                .build());
    }

    /** A provider in another region is another provider: its resources are replaced, as with pulumi-aws. */
    @Override
    public void diffConfig(Provider.DiffRequest request, StreamObserver<Provider.DiffResponse> observer) {
        answer(observer, () -> {
            var changed = changedKeys(olds(request), WireValues.toJava(request.getNews()));
            var response = diffResponse(changed);
            changed.forEach(response::addDiffs);
            if (changed.contains("region")) {
                response.addReplaces("region");
            }
            return response.build();
        });
    }

    @Override
    public void configure(Provider.ConfigureRequest request, StreamObserver<Provider.ConfigureResponse> observer) {
        answer(observer, () -> {
            var config = new HashMap<String, Object>();
            // Older engines send "aws:<key>" variables; current ones the provider's inputs as args.
            request.getVariablesMap()
                    .forEach((key, value) -> config.put(key.substring(key.lastIndexOf(':') + 1), value));
            config.putAll(WireValues.toJava(request.getArgs()));
            if (!(config.get("region") instanceof String region) || region.isEmpty()) {
                throw Status.INVALID_ARGUMENT
                        .withDescription(
                                "missing required configuration key \"region\": the AWS provider needs a region")
                        .asRuntimeException();
            }
            if (!WireValues.containsUnknown(config.get("allowedAccountIds"))) {
                aws.checkAllowedAccount(config);
            }
            configuration.set(Map.copyOf(config));
            record("configure", "pulumi:providers:aws", request.getUrn(), "");
            return Provider.ConfigureResponse.newBuilder()
                    .setAcceptSecrets(false)
                    .setSupportsPreview(true)
                    .setAcceptResources(false)
                    .setAcceptOutputs(false)
                    .build();
        });
    }

    @Override
    public void invoke(Provider.InvokeRequest request, StreamObserver<Provider.InvokeResponse> observer) {
        answer(observer, () -> Provider.InvokeResponse.newBuilder()
                .setReturn(WireValues.toStruct(aws.invoke(request.getTok(), configuration.get())))
                .build());
    }

    /**
     * Refuses what AWS would refuse as soon as the inputs are known. With values still unknown in
     * a preview, AWS's checks of those values wait for the update.
     */
    @Override
    public void check(Provider.CheckRequest request, StreamObserver<Provider.CheckResponse> observer) {
        answer(observer, () -> {
            var inputs = WireValues.toJava(request.getNews());
            var response = Provider.CheckResponse.newBuilder().setInputs(request.getNews());
            if (!WireValues.containsUnknown(inputs)) {
                try {
                    aws.create(
                            request.getType(),
                            logicalName(request.getUrn()),
                            inputs,
                            configuration.get(),
                            Optional.empty());
                } catch (AwsRefusal refusal) {
                    response.addFailures(Provider.CheckFailure.newBuilder().setReason(refusal.getMessage()));
                }
            }
            return response.build();
        });
    }

    @Override
    public void diff(Provider.DiffRequest request, StreamObserver<Provider.DiffResponse> observer) {
        answer(observer, () -> {
            var olds = olds(request);
            var news = WireValues.toJava(request.getNews());
            var changed = changedKeys(olds, news);
            changed.removeAll(request.getIgnoreChangesList());
            var response = diffResponse(changed);
            for (var key : changed) {
                response.addDiffs(key);
                var replacing = ReplaceRules.replacingPaths(request.getType(), key, olds, news);
                var replaces = !replacing.isEmpty();
                if (replaces) {
                    response.addReplaces(key);
                }
                var kind = !olds.containsKey(key)
                        ? (replaces ? Provider.PropertyDiff.Kind.ADD_REPLACE : Provider.PropertyDiff.Kind.ADD)
                        : !news.containsKey(key)
                                ? (replaces
                                        ? Provider.PropertyDiff.Kind.DELETE_REPLACE
                                        : Provider.PropertyDiff.Kind.DELETE)
                                : (replaces
                                        ? Provider.PropertyDiff.Kind.UPDATE_REPLACE
                                        : Provider.PropertyDiff.Kind.UPDATE);
                // A nested ForceNew change is reported at its own path, as the provider's detailed diff does.
                var nested =
                        replacing.stream().filter(path -> !path.equals(key)).toList();
                if (nested.isEmpty()) {
                    response.putDetailedDiff(
                            key,
                            Provider.PropertyDiff.newBuilder()
                                    .setKind(kind)
                                    .setInputDiff(true)
                                    .build());
                }
                for (var path : nested) {
                    response.putDetailedDiff(
                            path,
                            Provider.PropertyDiff.newBuilder()
                                    .setKind(Provider.PropertyDiff.Kind.UPDATE_REPLACE)
                                    .setInputDiff(true)
                                    .build());
                }
            }
            return response.setHasDetailedDiff(true).build();
        });
    }

    /** The inputs the resource was last deployed with (older engines send only its state). */
    private static Map<String, Object> olds(Provider.DiffRequest request) {
        return WireValues.toJava(
                request.getOldInputs().getFieldsCount() > 0 ? request.getOldInputs() : request.getOlds());
    }

    private static Provider.DiffResponse.Builder diffResponse(List<String> changed) {
        return Provider.DiffResponse.newBuilder()
                .setChanges(
                        changed.isEmpty()
                                ? Provider.DiffResponse.DiffChanges.DIFF_NONE
                                : Provider.DiffResponse.DiffChanges.DIFF_SOME);
    }

    /** The top-level inputs whose values differ (an unknown new value counts as a change). */
    static List<String> changedKeys(Map<String, Object> olds, Map<String, Object> news) {
        var keys = new TreeSet<String>();
        keys.addAll(olds.keySet());
        keys.addAll(news.keySet());
        var changed = new ArrayList<String>();
        for (var key : keys) {
            if (key.startsWith("__")) {
                continue;
            }
            var after = news.get(key);
            if (WireValues.containsUnknown(after) || !Objects.equals(olds.get(key), after)) {
                changed.add(key);
            }
        }
        return changed;
    }

    @Override
    public void create(Provider.CreateRequest request, StreamObserver<Provider.CreateResponse> observer) {
        answer(observer, () -> {
            var inputs = WireValues.toJava(request.getProperties());
            if (request.getPreview()) {
                return Provider.CreateResponse.newBuilder()
                        .setProperties(WireValues.toStruct(planned(request.getType(), request.getUrn(), inputs)))
                        .build();
            }
            faults.before("create", request.getType(), request.getUrn(), "");
            var created = aws.create(
                    request.getType(), logicalName(request.getUrn()), inputs, configuration.get(), Optional.empty());
            faults.written(request.getUrn());
            existing.put(request.getType() + " " + created.id(), new Existing(inputs, created.state()));
            record("create", request.getType(), request.getUrn(), created.id());
            return Provider.CreateResponse.newBuilder()
                    .setId(created.id())
                    .setProperties(WireValues.toStruct(created.state()))
                    .build();
        });
    }

    /**
     * A preview's state: the inputs, and every property AWS computes marked unknown, as the AWS
     * provider plans it (an ARN is not known before the resource exists).
     */
    private Map<String, Object> planned(String type, String urn, Map<String, Object> inputs) {
        var planned = new LinkedHashMap<String, Object>(inputs);
        try {
            @SuppressWarnings("unchecked")
            var known = (Map<String, Object>) WireValues.withUnknownsAs(inputs, "unknown-during-preview");
            var computed = aws.create(type, logicalName(urn), known, configuration.get(), Optional.empty())
                    .state();
            computed.forEach(
                    (key, value) -> planned.put(key, plannedValue(inputs.get(key), value, inputs.containsKey(key))));
        } catch (AwsRefusal refusalOfAStandIn) {
            // AWS refused only a stand-in for an unknown value; the real value is checked at create.
        }
        return planned;
    }

    /**
     * What the provider plans for one property: the input where one is given, and every value AWS
     * computes unknown, nested ones included (a domain identity's DKIM tokens, inside the
     * {@code dkimSigningAttributes} the program sets).
     */
    @SuppressWarnings("unchecked")
    static Object plannedValue(Object input, Object computed, boolean given) {
        if (!given) {
            return RecordingMonitor.UNKNOWN;
        }
        if (input instanceof Map<?, ?> inputMap && computed instanceof Map<?, ?> computedMap) {
            var merged = new LinkedHashMap<String, Object>((Map<String, Object>) inputMap);
            ((Map<String, Object>) computedMap)
                    .forEach((key, value) ->
                            merged.put(key, plannedValue(inputMap.get(key), value, inputMap.containsKey(key))));
            return merged;
        }
        return input;
    }

    /**
     * Refresh reads back what the state holds. An import ({@code id} with no state) finds what this
     * provider created (a pending create completed in AWS) and the SES identities the simulated
     * account already has; anything else does not exist.
     */
    @Override
    public void read(Provider.ReadRequest request, StreamObserver<Provider.ReadResponse> observer) {
        answer(observer, () -> {
            var response = Provider.ReadResponse.newBuilder();
            if (request.getProperties().getFieldsCount() > 0) {
                faults.before("read", request.getType(), request.getUrn(), request.getId());
                if (faults.gone(request.getType(), request.getUrn(), request.getId())) {
                    // Deleted outside Pulumi: the provider answers a read with no id.
                    record("read-missing", request.getType(), request.getUrn(), request.getId());
                    return response.setId("")
                            .setProperties(Struct.getDefaultInstance())
                            .build();
                }
                record("read", request.getType(), request.getUrn(), request.getId());
                var inputs = request.getInputs().getFieldsCount() > 0 ? request.getInputs() : request.getProperties();
                // What AWS holds now, with any change made outside Pulumi, in both state and inputs (as the provider
                // reads it back).
                return response.setId(request.getId())
                        .setProperties(drifted(request, request.getProperties()))
                        .setInputs(drifted(request, inputs))
                        .build();
            }
            var created = existing.get(request.getType() + " " + request.getId());
            if (created != null) {
                // A create the engine did not see finish (the CLI was killed): AWS has it.
                record("import", request.getType(), request.getUrn(), request.getId());
                return response.setId(request.getId())
                        .setProperties(WireValues.toStruct(created.state()))
                        .setInputs(WireValues.toStruct(created.inputs()))
                        .build();
            }
            if (request.getType().equals("aws:sesv2/emailIdentity:EmailIdentity")
                    && existingIdentities.contains(request.getId())) {
                var inputs = Map.<String, Object>of("emailIdentity", request.getId());
                var existing = aws.create(
                        request.getType(),
                        logicalName(request.getUrn()),
                        inputs,
                        configuration.get(),
                        Optional.of(request.getId()));
                record("import", request.getType(), request.getUrn(), request.getId());
                return response.setId(request.getId())
                        .setProperties(WireValues.toStruct(existing.state()))
                        .setInputs(WireValues.toStruct(inputs))
                        .build();
            }
            record("read-missing", request.getType(), request.getUrn(), request.getId());
            return response.setId("").setProperties(Struct.getDefaultInstance()).build();
        });
    }

    /** The values as AWS holds them: unchanged, unless a test changed them outside Pulumi. */
    private Struct drifted(Provider.ReadRequest request, Struct values) {
        var java = WireValues.toJava(values);
        var drifted = faults.drifted(request.getType(), request.getUrn(), request.getId(), java);
        return drifted == java ? values : WireValues.toStruct(drifted);
    }

    @Override
    public void update(Provider.UpdateRequest request, StreamObserver<Provider.UpdateResponse> observer) {
        answer(observer, () -> {
            var inputs = WireValues.toJava(request.getNews());
            if (request.getPreview()) {
                // An update in place keeps what AWS computed (an ARN does not change); only the inputs are new.
                var planned = new LinkedHashMap<String, Object>(WireValues.toJava(request.getOlds()));
                planned.putAll(inputs);
                return Provider.UpdateResponse.newBuilder()
                        .setProperties(WireValues.toStruct(planned))
                        .build();
            }
            faults.before("update", request.getType(), request.getUrn(), request.getId());
            var updated = aws.create(
                    request.getType(),
                    logicalName(request.getUrn()),
                    inputs,
                    configuration.get(),
                    Optional.of(request.getId()));
            faults.written(request.getUrn());
            existing.put(request.getType() + " " + request.getId(), new Existing(inputs, updated.state()));
            record("update", request.getType(), request.getUrn(), request.getId());
            return Provider.UpdateResponse.newBuilder()
                    .setProperties(WireValues.toStruct(updated.state()))
                    .build();
        });
    }

    @Override
    public void delete(Provider.DeleteRequest request, StreamObserver<Empty> observer) {
        answer(observer, () -> {
            faults.before("delete", request.getType(), request.getUrn(), request.getId());
            existing.remove(request.getType() + " " + request.getId());
            record("delete", request.getType(), request.getUrn(), request.getId());
            return Empty.getDefaultInstance();
        });
    }
}
