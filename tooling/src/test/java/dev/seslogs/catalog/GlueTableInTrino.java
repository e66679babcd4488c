package dev.seslogs.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seslogs.simulation.DeclaredResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Glue table exactly as the program registers it ({@code aws:glue/catalogTable:CatalogTable}
 * inputs: columns, partition keys, SerDe library and parameters, formats, table parameters with
 * the projection rules), written into Trino's file metastore. The one change: {@code s3://}
 * locations become {@code local:///}, the local directory that stands for S3.
 */
final class GlueTableInTrino {
    static final String TABLE_TYPE = "aws:glue/catalogTable:CatalogTable";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Every input of the table this translation understands. A new input the program starts to
     * set fails here instead of being silently dropped from what Trino sees.
     */
    private static final Set<String> TRANSLATED_INPUTS = Set.of(
            "databaseName",
            "name",
            "description",
            "tableType",
            "parameters",
            "partitionKeys",
            "storageDescriptor.location",
            "storageDescriptor.inputFormat",
            "storageDescriptor.outputFormat",
            "storageDescriptor.serDeInfo.serializationLibrary",
            "storageDescriptor.serDeInfo.parameters",
            "storageDescriptor.columns");

    private GlueTableInTrino() {}

    /** Writes the table into the metastore of {@code trino}; returns the schema (the Glue database) it is in. */
    @SuppressWarnings("unchecked")
    static String create(TrinoServer trino, DeclaredResource table) {
        var unknown = new TreeSet<>(leafPaths("", table.inputs()));
        unknown.removeIf(path ->
                TRANSLATED_INPUTS.stream().anyMatch(known -> path.equals(known) || path.startsWith(known + ".")));
        if (!unknown.isEmpty()) {
            throw new AssertionError("the Glue table has inputs the Trino translation does not carry over: " + unknown);
        }
        var schema = (String) table.input("databaseName");
        var name = (String) table.input("name");

        var metadata = JSON.createObjectNode();
        metadata.put("writerVersion", trino.version());
        metadata.put("owner", "ses-logs-test");
        metadata.put("tableType", (String) table.input("tableType"));
        metadata.set("dataColumns", columns((List<Map<String, Object>>) table.input("storageDescriptor.columns")));
        metadata.set("partitionColumns", columns((List<Map<String, Object>>) table.input("partitionKeys")));
        var parameters = new LinkedHashMap<String, String>();
        ((Map<String, String>) table.input("parameters")).forEach((key, value) -> parameters.put(key, local(value)));
        metadata.set("parameters", JSON.valueToTree(parameters));
        var format = metadata.putObject("originalStorageFormat");
        format.put("serde", (String) table.input("storageDescriptor.serDeInfo.serializationLibrary"));
        format.put("inputFormat", (String) table.input("storageDescriptor.inputFormat"));
        format.put("outputFormat", (String) table.input("storageDescriptor.outputFormat"));
        metadata.set("serdeParameters", JSON.valueToTree(table.input("storageDescriptor.serDeInfo.parameters")));
        metadata.put("externalLocation", local((String) table.input("storageDescriptor.location")));
        metadata.putObject("columnStatistics");

        var metastore = trino.metastoreDirectory();
        try {
            var database = JSON.createObjectNode();
            database.put("writerVersion", trino.version());
            database.put("ownerName", "ses-logs-test");
            database.put("ownerType", "USER");
            database.putObject("parameters");
            Files.writeString(metastore.resolve("." + schema + ".trinoSchema"), JSON.writeValueAsString(database));
            var tableDirectory =
                    Files.createDirectories(metastore.resolve(schema).resolve(name));
            Files.writeString(tableDirectory.resolve(".trinoSchema"), JSON.writeValueAsString(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schema;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode columns(List<Map<String, Object>> columns) {
        var array = JSON.createArrayNode();
        for (var column : columns) {
            ObjectNode node = array.addObject();
            node.put("name", (String) column.get("name"));
            node.put("type", (String) column.get("type"));
            if (column.get("comment") != null) {
                node.put("comment", (String) column.get("comment"));
            }
            node.putObject("properties");
        }
        return array;
    }

    /** {@code s3://bucket/key} read from the local directory that stands for S3: {@code local:///bucket/key}. */
    static String local(String value) {
        return value.replace("s3://", "local:///");
    }

    @SuppressWarnings("unchecked")
    private static List<String> leafPaths(String prefix, Map<String, Object> values) {
        var paths = new java.util.ArrayList<String>();
        values.forEach((key, value) -> {
            var path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested
                    && !path.equals("parameters")
                    && !path.endsWith("serDeInfo.parameters")) {
                paths.addAll(leafPaths(path, (Map<String, Object>) nested));
            } else {
                paths.add(path);
            }
        });
        return paths;
    }
}
