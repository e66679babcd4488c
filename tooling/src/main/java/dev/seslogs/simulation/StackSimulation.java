package dev.seslogs.simulation;

import com.pulumi.Context;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.seslogs.config.StackConfig;
import dev.seslogs.sdk.PulumiRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Runs a stack program against {@link SimulatedAws} under the Pulumi Java SDK's mock engine and
 * returns what it declared. Shared by the unit tests and the offline preview.
 *
 * <p>The SDK's public test API starts every program with empty configuration
 * (pulumi-java#1333) and hides resource options from mocks, so this uses the SDK's internal test
 * builder, pinned with the SDK version in pom.xml.
 */
public final class StackSimulation {
    public static final String PROJECT = dev.seslogs.App.PROJECT;

    private StackSimulation() {}

    /** The outcome: everything declared, the stack outputs, and the first failure if the program failed. */
    public record Result(List<DeclaredResource> resources, Map<String, Object> exports, Optional<Throwable> failure) {

        public List<DeclaredResource> ofType(String type) {
            return resources.stream().filter(r -> r.type().equals(type)).toList();
        }

        public DeclaredResource one(String type) {
            var matches = ofType(type);
            if (matches.size() != 1) {
                throw new AssertionError("expected exactly one " + type + ", found " + matches.size());
            }
            return matches.get(0);
        }

        public DeclaredResource named(String type, String name) {
            return ofType(type).stream()
                    .filter(r -> r.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " named " + name));
        }

        /** The resources the program registered, components and the root stack excluded. */
        public List<DeclaredResource> customResources() {
            return resources.stream().filter(DeclaredResource::custom).toList();
        }

        public Result orThrow() {
            failure.ifPresent(e -> {
                throw new AssertionError("the stack program failed: " + e.getMessage(), e);
            });
            return this;
        }
    }

    public static Result run(
            String stackName, StackConfig config, SimulatedAws aws, BiConsumer<Context, StackConfig> program) {
        var recorder = new RecordingMonitor(aws, PulumiTestInternal.mockLog());
        var test = PulumiTestInternal.builder()
                .options(TestOptions.builder()
                        .projectName(PROJECT)
                        .stackName(stackName)
                        .preview(false)
                        .resourceTransformations(List.of(recorder.constructionRecorder()))
                        .build())
                .mocks(aws)
                .config(config.asMap())
                .monitorDecorator(sdkMonitor -> recorder)
                .deploymentFactory(PulumiRuntime::withWorkarounds)
                .build();
        try {
            var outcome = test.runTest(ctx -> program.accept(ctx, config));
            var exports = new LinkedHashMap<String, Object>();
            Throwable failure =
                    outcome.exceptions().isEmpty() ? null : outcome.exceptions().get(0);
            if (failure == null) {
                outcome.outputs()
                        .forEach((key, output) -> exports.put(
                                key,
                                PulumiTestInternal.extractOutputData(output).getValueNullable()));
            }
            if (failure == null && !outcome.errors().isEmpty()) {
                failure = new IllegalStateException(String.join("\n", outcome.errors()));
            }
            return new Result(recorder.declared(), exports, Optional.ofNullable(failure));
        } finally {
            PulumiTestInternal.cleanup();
        }
    }
}
