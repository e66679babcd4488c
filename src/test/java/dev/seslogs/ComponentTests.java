package dev.seslogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mockito.ArgumentCaptor;

/**
 * One component alone in a minimal stack, as CDK tests a construct: the SDK's public test API
 * runs the program, a Mockito stand-in for {@link Mocks} plays AWS (every resource echoes its
 * inputs, with an id and an ARN; the account, region and partition lookups answer
 * {@link #ACCOUNT}, {@link #REGION}, {@link #PARTITION}) and records what was registered.
 *
 * <p>Resource options (protect, retainOnDelete, deleteBeforeReplace) never reach {@link Mocks}:
 * a stack transformation, the test API's {@code TestOptions.resourceTransformations}, reads each
 * resource's options as the SDK hands them to it. An import id does reach the mocks, as the
 * registration's {@code id}.
 */
public final class ComponentTests {
    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "eu-west-1";
    public static final String PARTITION = "aws";
    public static final String PREFIX = "ses-logs";
    /** What {@link PhysicalNames} makes of these: the bucket's, stream's and configuration set's name. */
    public static final String ACCOUNT_REGIONAL = PREFIX + "-" + ACCOUNT + "-" + REGION;
    /** The DKIM tokens SES answers for every domain identity. */
    public static final List<String> DKIM_TOKENS = List.of("token1", "token2", "token3");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ComponentTests() {}

    /** What the component under test gets from the stack around it. */
    public record Fixture(PhysicalNames names, AwsTarget target, ComponentResourceOptions options) {}

    /** The component built, every resource it registered, and each resource's options. */
    public record Built<C>(C component, List<Mocks.ResourceArgs> resources, Map<String, ResourceOptions> options) {

        public List<Mocks.ResourceArgs> ofType(String type) {
            return resources.stream().filter(r -> r.type.equals(type)).toList();
        }

        public Mocks.ResourceArgs one(String type) {
            var matches = ofType(type);
            assertEquals(1, matches.size(), "resources of type " + type);
            return matches.get(0);
        }

        public Mocks.ResourceArgs named(String type, String name) {
            return ofType(type).stream()
                    .filter(r -> r.name.equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " in " + names(type)));
        }

        /** The names of the resources of a type: a set, because the SDK registers resources as their inputs resolve, in no fixed order. */
        public Set<String> names(String type) {
            return ofType(type).stream().map(r -> r.name).collect(Collectors.toCollection(TreeSet::new));
        }

        /** The options the component gave the resource, as the SDK saw them. */
        public CustomResourceOptions options(String type, String name) {
            var options = this.options.get(type + "::" + name);
            if (!(options instanceof CustomResourceOptions custom)) {
                throw new AssertionError("no custom resource " + type + " named " + name);
            }
            return custom;
        }

        /** The value of one of the component's outputs. */
        public <T> T value(Function<C, Output<T>> output) {
            return PulumiTest.extractValue(output.apply(component));
        }
    }

    /** Runs {@code program} (which builds one component) in a stack of its own. */
    public static <C> Built<C> build(Function<Fixture, C> program) {
        var aws = mock(Mocks.class);
        when(aws.newResourceAsync(any())).thenAnswer(call -> created(call.getArgument(0)));
        when(aws.callAsync(any())).thenAnswer(call -> lookup(call.getArgument(0)));
        var options = new ConcurrentHashMap<String, ResourceOptions>();
        var testOptions = TestOptions.builder()
                .projectName(PREFIX)
                .stackName("unit")
                .preview(false)
                .resourceTransformations(List.of(args -> {
                    options.put(
                            args.resource().pulumiResourceType() + "::"
                                    + args.resource().pulumiResourceName(),
                            args.options());
                    return Optional.empty();
                }))
                .build();
        try {
            var component = new Object[1];
            var result = PulumiTest.withOptions(testOptions).withMocks(aws).runTest(ctx -> {
                var target = AwsTarget.lookup(Optional.empty());
                component[0] = program.apply(
                        new Fixture(new PhysicalNames(PREFIX, target), target, ComponentResourceOptions.Empty));
            });
            if (!result.exceptions().isEmpty()) {
                throw new AssertionError(
                        "the program failed", result.exceptions().get(0));
            }
            assertEquals(List.of(), result.errors(), "errors the program logged");
            var registered = ArgumentCaptor.forClass(Mocks.ResourceArgs.class);
            verify(aws, atLeastOnce()).newResourceAsync(registered.capture());
            @SuppressWarnings("unchecked")
            var built = new Built<>((C) component[0], List.copyOf(registered.getAllValues()), Map.copyOf(options));
            return built;
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** A resource as AWS would create it: its inputs, an id (the import id when adopted), an ARN, a KMS key's id, SES's DKIM tokens. */
    private static CompletableFuture<Mocks.ResourceResult> created(Mocks.ResourceArgs args) {
        var state = new HashMap<String, Object>(args.inputs);
        state.putIfAbsent("arn", "arn:" + PARTITION + ":mock:" + REGION + ":" + ACCOUNT + ":" + args.name);
        var id = args.id == null || args.id.isEmpty() ? args.name + "-id" : args.id;
        if (args.type.equals("aws:kms/key:Key")) {
            state.put("keyId", id);
        }
        if (args.type.equals("aws:sesv2/emailIdentity:EmailIdentity")) {
            var dkim = new HashMap<String, Object>(map(args.inputs.getOrDefault("dkimSigningAttributes", Map.of())));
            dkim.put("tokens", DKIM_TOKENS);
            state.put("dkimSigningAttributes", dkim);
        }
        return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(id), state));
    }

    private static CompletableFuture<Map<String, Object>> lookup(Mocks.CallArgs call) {
        return CompletableFuture.completedFuture(
                switch (call.token) {
                    case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                            "accountId",
                            ACCOUNT,
                            "arn",
                            "arn:aws:iam::" + ACCOUNT + ":user/unit",
                            "userId",
                            "AIDAUNIT",
                            "id",
                            ACCOUNT);
                    case "aws:index/getRegion:getRegion" -> Map.of(
                            "name",
                            REGION,
                            "id",
                            REGION,
                            "description",
                            REGION,
                            "endpoint",
                            "ec2." + REGION + ".amazonaws.com");
                    case "aws:index/getPartition:getPartition" -> Map.of(
                            "partition",
                            PARTITION,
                            "id",
                            PARTITION,
                            "dnsSuffix",
                            "amazonaws.com",
                            "reverseDnsPrefix",
                            "com.amazonaws");
                    default -> throw new AssertionError("unexpected lookup " + call.token);
                });
    }

    /** An input by path, {@code "a.b.0.c"}: map keys and list indexes. */
    public static Object input(Mocks.ResourceArgs resource, String path) {
        Object value = resource.inputs;
        for (var step : path.split("\\.")) {
            if (value instanceof Map<?, ?> map) {
                value = map.get(step);
            } else if (value instanceof List<?> list) {
                value = list.get(Integer.parseInt(step));
            } else {
                throw new AssertionError(resource.name + " has no input " + path + " (stopped at " + step + ")");
            }
        }
        return value;
    }

    /** A JSON input (a policy, a dashboard body, an event pattern), parsed. */
    public static JsonNode json(Mocks.ResourceArgs resource, String path) {
        try {
            return JSON.readTree((String) input(resource, path));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The statement of a policy document with this Sid. */
    public static JsonNode statement(JsonNode policy, String sid) {
        for (var statement : policy.get("Statement")) {
            if (statement.get("Sid").asText().equals(sid)) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }

    /** The Sids of a policy's statements, in order. */
    public static List<String> sids(JsonNode policy) {
        var sids = new java.util.ArrayList<String>();
        policy.get("Statement")
                .forEach(statement -> sids.add(statement.get("Sid").asText()));
        return sids;
    }

    /** A policy value that is one string or a list of them, as a list. */
    public static List<String> texts(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        var values = new java.util.ArrayList<String>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
