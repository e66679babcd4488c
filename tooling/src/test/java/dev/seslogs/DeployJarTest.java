package dev.seslogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jar `pulumi up` runs (target/ses-logs.jar, built by the program's pom) carries the program
 * and what it uses, and none of the tooling: no simulated AWS, no offline preview, no gRPC server
 * of ours, no test libraries.
 */
class DeployJarTest {
    /** The top-level packages the deploy jar may hold, each with the reason it is there. */
    private static final java.util.Map<String, String> ALLOWED = java.util.Map.ofEntries(
            java.util.Map.entry("dev/seslogs", "the program"),
            java.util.Map.entry("com/pulumi", "the Pulumi SDK and the AWS provider SDK"),
            java.util.Map.entry("pulumirpc", "the engine's protocol (the SDK)"),
            java.util.Map.entry("com/fasterxml", "Jackson: the program's JSON"),
            java.util.Map.entry("org/slf4j", "the SDK's logging, bound to nothing (slf4j-nop)"),
            // The SDK's own runtime, as com.pulumi:pulumi declares it: gRPC and protobuf to talk to
            // the engine, Gson, Guava, Kotlin, OkHttp, OpenTelemetry, reflections and their annotations.
            java.util.Map.entry("com/google", "the SDK: protobuf, Guava, Gson"),
            java.util.Map.entry("google", "the SDK: protobuf's well-known types"),
            java.util.Map.entry("io/grpc", "the SDK: gRPC"),
            java.util.Map.entry("io/perfmark", "the SDK: gRPC's tracing"),
            java.util.Map.entry("io/opentelemetry", "the SDK: tracing"),
            java.util.Map.entry("com/github", "the SDK's libraries"),
            java.util.Map.entry("net/javacrumbs", "the SDK's libraries"),
            java.util.Map.entry("kotlin", "the SDK's libraries"),
            java.util.Map.entry("okhttp3", "the SDK's libraries"),
            java.util.Map.entry("okio", "the SDK's libraries"),
            java.util.Map.entry("javassist", "the SDK's libraries"),
            java.util.Map.entry("org/reflections", "the SDK's libraries"),
            java.util.Map.entry("org/yaml", "the SDK's libraries (SnakeYAML)"),
            java.util.Map.entry("codegen", "the SDK's libraries"),
            java.util.Map.entry("android", "annotations of the SDK's libraries"),
            java.util.Map.entry("javax/annotation", "annotations of the SDK's libraries"),
            java.util.Map.entry("org/checkerframework", "annotations of the SDK's libraries"),
            java.util.Map.entry("org/codehaus", "annotations of the SDK's libraries"),
            java.util.Map.entry("org/intellij", "annotations of the SDK's libraries"),
            java.util.Map.entry("org/jetbrains", "annotations of the SDK's libraries"),
            java.util.Map.entry("META-INF", "multi-release classes of the libraries above"));

    @Test
    void theDeployJarHoldsTheProgramAndItsRuntimeOnly() throws IOException {
        var packages = new TreeSet<String>();
        try (var jar = new ZipFile(Path.of("target/ses-logs.jar").toFile())) {
            jar.stream().filter(entry -> entry.getName().endsWith(".class")).forEach(entry -> {
                var name = entry.getName();
                packages.add(name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "");
            });
        }
        assertTrue(packages.contains("dev/seslogs"), "the program is in the jar: " + packages);
        for (var tooling : java.util.List.of("dev/seslogs/simulation", "dev/seslogs/preview")) {
            assertTrue(
                    packages.stream().noneMatch(p -> p.startsWith(tooling)), tooling + " is tooling, not the program");
        }
        for (var testLibrary : java.util.List.of(
                "org/junit", "org/mockito", "io/trino", "net/thisptr", "com/tngtech", "org/opentest4j")) {
            assertTrue(packages.stream().noneMatch(p -> p.startsWith(testLibrary)), testLibrary + " is a test library");
        }
        var unexpected = new TreeSet<String>();
        for (var p : packages) {
            if (ALLOWED.keySet().stream().noneMatch(allowed -> p.equals(allowed) || p.startsWith(allowed + "/"))) {
                unexpected.add(p);
            }
        }
        assertEquals(new TreeSet<String>(), unexpected, "packages in the deploy jar that nothing here accounts for");
    }
}
