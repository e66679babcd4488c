package dev.seslogs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each setting is declared once, in {@link Setting}: Pulumi.yaml's config block (what the CLI
 * checks types against) and the README's configuration table are generated from it. With
 * {@code -Dses-logs.write=true} (bash scripts/config-docs) this test writes both files instead of
 * comparing them.
 */
class ConfigDeclarationsTest {
    private static final Path PROJECT = Path.of("Pulumi.yaml");
    private static final Path README = Path.of("README.md");
    private static final String TABLE_START = "<!-- config-table:start -->\n";
    private static final String TABLE_END = "<!-- config-table:end -->";
    private static final boolean WRITE = Boolean.getBoolean("ses-logs.write");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    /** Pulumi.yaml's declaration of one setting. */
    static Map<String, Object> declaration(Setting setting) {
        var declaration = new LinkedHashMap<String, Object>();
        declaration.put("type", setting.type.yamlName);
        if (setting.type == Setting.Type.STRING_LIST) {
            declaration.put("items", Map.of("type", "string"));
        }
        if (setting.defaultValue != null) {
            declaration.put("default", setting.defaultValue);
        }
        declaration.put("description", setting.description);
        return declaration;
    }

    static String configBlock() throws IOException {
        var config = new LinkedHashMap<String, Object>();
        Setting.declared().forEach(setting -> config.put(setting.key, declaration(setting)));
        return YAML.writeValueAsString(Map.of("config", config));
    }

    static String readmeTable() {
        var rows = new ArrayList<String>();
        rows.add("| key | type | default | description |");
        rows.add("|---|---|---|---|");
        for (var setting : Setting.declared()) {
            var type = setting.type.yamlName + (setting.type == Setting.Type.STRING_LIST ? "<string>" : "");
            var shown = setting.defaultValue == null
                    ? "required"
                    : "`"
                            + (setting.defaultValue instanceof List<?> list && list.isEmpty()
                                    ? "[]"
                                    : setting.defaultValue)
                            + "`";
            rows.add("| `" + setting.key + "` | " + type + " | " + shown + " | " + setting.description + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    @Test
    void pulumiYamlDeclaresEverySettingAsTheProgramDoes() throws IOException {
        var text = Files.readString(PROJECT);
        var head = text.substring(0, text.indexOf("\nconfig:") + 1);
        var expected = head + configBlock();
        if (WRITE) {
            Files.writeString(PROJECT, expected);
        }
        JsonNode declared = YAML.readTree(Files.readString(PROJECT)).get("config");
        JsonNode generated = YAML.readTree(configBlock()).get("config");
        assertEquals(
                generated,
                declared,
                "Pulumi.yaml's config block differs from dev.seslogs.config.Setting: bash scripts/config-docs");
    }

    @Test
    void readmeTableListsEverySettingAsTheProgramDeclaresIt() throws IOException {
        var readme = Files.readString(README);
        var start = readme.indexOf(TABLE_START) + TABLE_START.length();
        var end = readme.indexOf(TABLE_END);
        if (WRITE) {
            readme = readme.substring(0, start) + readmeTable() + readme.substring(end);
            Files.writeString(README, readme);
            end = readme.indexOf(TABLE_END);
        }
        assertEquals(
                readmeTable(),
                readme.substring(start, end),
                "the README's configuration table differs: bash scripts/config-docs");
    }

    @Test
    void everySettingIsDescribedAndTheRegionAloneIsRequired() {
        for (var setting : Setting.declared()) {
            assertTrue(setting.description.length() > 20, setting.key + " needs a description");
            assertTrue(setting.key.matches("[a-z][A-Za-z0-9]*"), setting.key);
        }
        assertEquals(
                List.of(Setting.REGION),
                Setting.declared().stream().filter(s -> s.defaultValue == null).toList(),
                "the region has no default: the CLI asks for it");
    }

    @Test
    void theDeclaredDefaultsAreWhatTheProgramLoads() {
        var defaults = Settings.load(StackConfig.of(Map.of("ses-logs:region", "eu-west-1")), "ses-logs");
        assertEquals(Setting.NAME_PREFIX.defaultValue, defaults.namePrefix());
        assertEquals(Setting.RETENTION_DAYS.defaultValue, defaults.retentionDays());
        assertEquals(Setting.COST_TAG.defaultValue, defaults.costTag());
        assertEquals(Setting.TOPOLOGY.defaultValue, defaults.topology().configValue());
        assertEquals(
                Setting.LOG_STORAGE_CLASS.defaultValue,
                defaults.logStorageClass().configValue());
        assertEquals(Setting.SUPPRESS_BOUNCES_AND_COMPLAINTS.defaultValue, defaults.suppressBouncesAndComplaints());
    }
}
