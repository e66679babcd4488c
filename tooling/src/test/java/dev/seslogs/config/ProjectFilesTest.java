package dev.seslogs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.seslogs.simulation.StackFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Pulumi.yaml declares, for the CLI, what Settings enforces: the two must not drift apart. */
class ProjectFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(Files.readString(Path.of(file)));
    }

    private static Settings settingsOf(String stack) {
        return Settings.load(new StackFiles(Path.of("."), stack).config(), "ses-logs");
    }

    @Test
    void projectDeclaresExactlyTheKeysTheProgramReads() throws IOException {
        var declared = new TreeSet<String>();
        read("Pulumi.yaml").get("config").fieldNames().forEachRemaining(declared::add);
        assertEquals(new TreeSet<>(Setting.keys()), declared);
    }

    @Test
    void declaredDefaultsAreTheProgramsDefaults() throws IOException {
        var config = read("Pulumi.yaml").get("config");
        var defaults = Settings.load(StackConfig.of(Map.of("ses-logs:region", "eu-west-1")), "ses-logs");
        assertEquals(defaults.namePrefix(), config.at("/namePrefix/default").asText());
        assertEquals(
                defaults.retentionDays(), config.at("/retentionDays/default").asInt());
        assertEquals(defaults.costTag(), config.at("/costTag/default").asText());
        assertEquals(
                defaults.trackOpensAndClicks(),
                config.at("/trackOpensAndClicks/default").asBoolean());
        assertEquals(
                defaults.queryScanLimitMb(),
                config.at("/queryScanLimitMb/default").asInt());
        assertEquals(
                defaults.queryResultRetentionDays(),
                config.at("/queryResultRetentionDays/default").asInt());
        assertEquals(
                defaults.topology().configValue(),
                config.at("/topology/default").asText());
        assertEquals("", config.at("/assumeRoleArn/default").asText());
        assertEquals("", config.at("/archiveStack/default").asText());
        assertTrue(config.at("/region/default").isMissingNode(), "the region has no default: the CLI asks for it");
        for (var list : List.of(
                "identities", "existingIdentities", "notificationEmails", "allowedAccountIds", "memberAccounts")) {
            assertEquals("array", config.at("/" + list + "/type").asText(), list);
            assertEquals(0, config.at("/" + list + "/default").size(), list);
        }
        config.fields()
                .forEachRemaining(entry -> assertTrue(
                        entry.getValue().path("description").asText().length() > 20,
                        entry.getKey() + " needs a description"));
    }

    @Test
    void runtimeRunsTheFatJarMavenBuilds() throws IOException {
        var project = read("Pulumi.yaml");
        assertEquals("ses-logs", project.get("name").asText());
        assertEquals("java", project.at("/runtime/name").asText());
        var pom = Files.readString(Path.of("pom.xml"));
        var fatJar = pom.substring(pom.indexOf("<outputFile>") + 12, pom.indexOf("</outputFile>"));
        assertEquals(
                fatJar.replace("${project.build.directory}", "target"),
                project.at("/runtime/options/binary").asText());
    }

    @Test
    void theExampleStacksShowAllThreeTopologiesInThreeAccounts() {
        var dev = settingsOf("dev");
        var archive = settingsOf("logarchive");
        var prod = settingsOf("prod");
        assertEquals(Settings.Topology.STANDALONE, dev.topology());
        assertEquals(Settings.Topology.ARCHIVE, archive.topology());
        assertEquals(Settings.Topology.MEMBER, prod.topology());
        assertEquals(
                3,
                java.util.Set.of(dev.allowedAccountIds(), archive.allowedAccountIds(), prod.allowedAccountIds())
                        .size());
        assertTrue(archive.memberAccounts().containsAll(prod.allowedAccountIds()), "the archive admits prod's account");
        assertTrue(prod.archiveStack().orElseThrow().endsWith("/logarchive"));
    }

    @Test
    void devAndProdStacksAreValidAndDifferent() throws IOException {
        var dev = settingsOf("dev");
        var prod = settingsOf("prod");
        assertNotEquals(dev.retentionDays(), prod.retentionDays());
        assertNotEquals(dev.costTag(), prod.costTag());
        assertTrue(prod.identities().stream().anyMatch(SesIdentity::existing), "prod adopts an existing identity");
        assertTrue(!dev.identities().isEmpty() && !dev.notificationEmails().isEmpty());
    }
}
