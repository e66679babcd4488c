package dev.seslogs.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's configuration table is generated from Pulumi.yaml, so it cannot drift. */
class ReadmeTest {
    private static final String START = "<!-- config-table:start -->\n";
    private static final String END = "<!-- config-table:end -->";

    static String configTable() throws IOException {
        var config = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("Pulumi.yaml"))).get("config");
        var rows = new ArrayList<String>();
        rows.add("| key | type | default | description |");
        rows.add("|---|---|---|---|");
        config.fields().forEachRemaining(entry -> {
            var declaration = entry.getValue();
            var type = declaration.get("type").asText();
            if (type.equals("array")) {
                type += "<" + declaration.at("/items/type").asText() + ">";
            }
            var defaultValue = declaration.get("default");
            var shown = defaultValue == null ? "required" : "`" + (defaultValue.isArray() ? defaultValue.toString() : defaultValue.asText()) + "`";
            rows.add("| `" + entry.getKey() + "` | " + type + " | " + shown + " | " + declaration.get("description").asText() + " |");
        });
        return String.join("\n", rows) + "\n";
    }

    @Test
    void configurationTableMatchesPulumiYaml() throws IOException {
        var readme = Files.readString(Path.of("README.md"));
        var table = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
        assertEquals(configTable(), table, "regenerate the README table between the config-table markers");
    }
}
