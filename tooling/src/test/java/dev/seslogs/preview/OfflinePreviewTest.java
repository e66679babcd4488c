package dev.seslogs.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seslogs.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflinePreviewTest {
    record Run(int exitCode, String out, String err) {}

    private static Run preview(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var code = OfflinePreview.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> steps(Path json) throws IOException {
        var steps = new ArrayList<JsonNode>();
        Json.parse(Files.readString(json)).get("steps").forEach(steps::add);
        return steps;
    }

    @Test
    void devStackPreviewsWithItsOwnConfigAndRegion(@TempDir Path out) throws IOException {
        var json = out.resolve("dev.json");
        var run = preview("dev", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains(
                                "Previewing update (dev) offline: simulated AWS account 111111111111, region eu-west-1"),
                run.out());
        assertTrue(run.out().contains(" +   │  ├─ aws:s3:BucketV2"), run.out());
        assertTrue(run.out().contains("logRetentionDays: 35"), run.out());
        var digest = Json.parse(Files.readString(json));
        assertEquals("35", digest.at("/config/ses-logs:retentionDays").asText());
        var bucket = steps(json).stream()
                .filter(s -> s.at("/newState/type").asText().equals("aws:s3/bucketV2:BucketV2"))
                .findFirst()
                .orElseThrow();
        assertEquals("create", bucket.get("op").asText());
        assertEquals(
                "ses-logs-111111111111-eu-west-1",
                bucket.at("/newState/inputs/bucket").asText());
        assertTrue(bucket.at("/newState/protect").asBoolean());
        assertTrue(bucket.at("/newState/retainOnDelete").asBoolean());
        assertEquals(
                "urn:pulumi:dev::ses-logs::ses-logs:index:LogArchive::log-archive",
                bucket.at("/newState/parent").asText());
        assertTrue(
                bucket.get("provider").asText().startsWith("urn:pulumi:dev::ses-logs::pulumi:providers:aws::aws::"),
                bucket.get("provider").asText());
    }

    @Test
    void everyStepHasTheFieldsOfPulumisPreviewJson(@TempDir Path out) throws IOException {
        var json = out.resolve("prod.json");
        assertEquals(0, preview("prod", "--json", json.toString(), "--quiet").exitCode());
        var steps = steps(json);
        for (var step : steps) {
            assertFalse(step.path("op").asText().isEmpty());
            assertEquals(step.get("urn").asText(), step.at("/newState/urn").asText());
            assertFalse(step.at("/newState/type").asText().isEmpty());
            assertTrue(step.at("/newState/inputs").isObject(), step.toString());
        }
        var summary = Json.parse(Files.readString(json)).get("changeSummary");
        var counted = 0;
        for (var op : List.of("create", "import", "read")) {
            counted += summary.path(op).asInt();
            var expected =
                    steps.stream().filter(s -> s.get("op").asText().equals(op)).count();
            assertEquals(expected, summary.path(op).asInt(), op);
        }
        assertEquals(steps.size(), counted);
        assertEquals(1, summary.get("read").asInt(), "the StackReference to the archive");
    }

    @Test
    void anAdoptedIdentityIsAnImportStep(@TempDir Path out) throws IOException {
        var json = out.resolve("prod.json");
        var run = preview("prod", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        var imports = steps(json).stream()
                .filter(s -> s.get("op").asText().equals("import"))
                .toList();
        assertEquals(1, imports.size());
        assertEquals("example.com", imports.get(0).at("/newState/importID").asText());
        assertTrue(
                run.out()
                        .lines()
                        .anyMatch(line -> line.matches(
                                " =\\s+[│ ]*├─ aws:sesv2:EmailIdentity\\s+identity-example-com\\s+import")),
                run.out());
        assertTrue(run.out().contains("simulated AWS account 222222222222, region ap-northeast-1"), run.out());
        assertTrue(
                run.out().contains("archiveBucketName: \"ses-logs-333333333333-ap-northeast-1\""),
                "the StackReference is answered by previewing Pulumi.logarchive.yaml: " + run.out());
        assertTrue(run.out().contains("= 1 to import"), run.out());
    }

    private static Path project(Path directory, String stackFile) throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), directory.resolve("Pulumi.yaml"));
        Files.writeString(directory.resolve("Pulumi.test.yaml"), stackFile);
        return directory;
    }

    @Test
    void invalidStackConfigFailsWithTheSettingsMessage(@TempDir Path directory) throws IOException {
        project(directory, "config:\n  ses-logs:region: us-east-1\n  ses-logs:retentionDays: 20\n");
        var run = preview("test", "--project-dir", directory.toString());
        assertEquals(1, run.exitCode());
        assertTrue(
                run.err().contains("ses-logs:retentionDays is 20; allowed: a whole number of days from 35 to 540"),
                run.err());
    }

    @Test
    void aStackFileThatIsNotYamlGivesOneLineNamingFileAndLine(@TempDir Path directory) throws IOException {
        project(directory, "config:\n  ses-logs:region: us-east-1\n  ses-logs:identities: [example.com\n");
        var run = preview("test", "--project-dir", directory.toString());
        assertEquals(1, run.exitCode());
        var stackFile = directory.resolve("Pulumi.test.yaml");
        assertEquals(
                "error: " + stackFile + ":3:36: not valid YAML: expected ',' or ']', but got <stream end>",
                run.err().strip());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aStackWithoutRegionIsRefusedLikeTheProviderWould(@TempDir Path directory) throws IOException {
        project(directory, "config:\n  ses-logs:retentionDays: 90\n");
        var run = preview("test", "--project-dir", directory.toString());
        assertEquals(1, run.exitCode());
        assertTrue(
                run.err().contains("ses-logs:region is not set; allowed: an AWS region such as eu-west-1"), run.err());
    }

    @Test
    void aMemberWhoseArchiveStackFileIsMissingCannotBePreviewed(@TempDir Path directory) throws IOException {
        project(
                directory,
                "config:\n  ses-logs:region: us-east-1\n  ses-logs:topology: member\n  ses-logs:archiveStack: acme/ses-logs/central\n");
        var run = preview("test", "--project-dir", directory.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot answer the StackReference to acme/ses-logs/central offline"), run.err());
    }

    @Test
    void theArchiveStackPreviewsToo(@TempDir Path out) throws IOException {
        var json = out.resolve("logarchive.json");
        var run = preview("logarchive", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out().contains("logBucketArn: \"arn:aws:s3:::ses-logs-333333333333-ap-northeast-1\""), run.out());
        assertTrue(steps(json).stream()
                .noneMatch(s -> s.at("/newState/type").asText().startsWith("aws:sesv2")));
    }

    @Test
    void anUnknownStackOrBadArgumentsAreReported() {
        var missing = preview("staging");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("Pulumi.staging.yaml"), missing.err());
        assertEquals(2, preview().exitCode());
        assertEquals(2, preview("dev", "--frobnicate").exitCode());
    }

    @Test
    void whatAwsWouldRefuseIsOneLineNamingTheResourceTheErrorAndTheLimitNeverAStackTrace() {
        var refusal = new dev.seslogs.simulation.AwsRefusal(
                "aws:s3/bucketPolicy:BucketPolicy",
                "log-bucket-policy",
                "MalformedPolicy: Policies must be no larger than 20 KB (21355 bytes)");
        // As the SDK hands it over: wrapped twice.
        var failure =
                new IllegalStateException("resource failed", new java.util.concurrent.CompletionException(refusal));
        var line = OfflinePreview.describeFailure("logarchive", failure);
        assertEquals(
                "error: AWS would refuse stack logarchive: aws:s3/bucketPolicy:BucketPolicy \"log-bucket-policy\": "
                        + "MalformedPolicy: Policies must be no larger than 20 KB (21355 bytes)",
                line);
        assertFalse(line.contains("\n") || line.contains("\tat "));
    }
}
