package dev.seslogs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seslogs.simulation.DeclaredResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;

/**
 * What the event stream does with SES's records, taken from the stream as the program registered
 * it: the partition keys from its own MetadataExtraction query (evaluated by the real jq 1.6, the
 * JQ-1.6 engine Firehose names, and cross-checked with jackson-jq's JQ_1_6 mode), the S3 key from
 * its own prefix and the record's arrival time, GZIP objects named as Firehose names them.
 */
final class FirehoseDelivery {
    static final String STREAM_TYPE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXPRESSION = Pattern.compile("!\\{(partitionKeyFromQuery|timestamp):([^}]+)}");
    /** Firehose's object name suffix: {@code <stream>-<version>-yyyy-MM-dd-HH-mm-ss-<random>}. */
    private static final DateTimeFormatter OBJECT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    private static final Path REAL_JQ = Path.of("/usr/bin/jq");

    private final String streamName;
    private final String bucketName;
    private final String prefix;
    private final String metadataQuery;
    private final boolean convertsToParquet;
    private String parquetCompression = "";

    private FirehoseDelivery(
            String streamName, String bucketName, String prefix, String metadataQuery, boolean convertsToParquet) {
        this.streamName = streamName;
        this.bucketName = bucketName;
        this.prefix = prefix;
        this.metadataQuery = metadataQuery;
        this.convertsToParquet = convertsToParquet;
    }

    /** The delivery of the one stream {@code stack} registered. */
    static FirehoseDelivery of(dev.seslogs.simulation.StackSimulation.Result stack) {
        return of(stack.one(STREAM_TYPE));
    }

    @SuppressWarnings("unchecked")
    static FirehoseDelivery of(DeclaredResource stream) {
        var converts =
                Boolean.TRUE.equals(stream.input("extendedS3Configuration.dataFormatConversionConfiguration.enabled"));
        // GZIP JSON objects, or Parquet converted by Firehose (compressed inside, UNCOMPRESSED in S3).
        assertEquals(converts ? "UNCOMPRESSED" : "GZIP", stream.input("extendedS3Configuration.compressionFormat"));
        if (converts) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    stream.input(
                                    "extendedS3Configuration.dataFormatConversionConfiguration.inputFormatConfiguration.deserializer.openXJsonSerDe")
                            instanceof Map<?, ?>,
                    "Firehose reads the records with the OpenX JSON SerDe, as the JSON table does");
        }
        assertEquals(true, stream.input("extendedS3Configuration.dynamicPartitioningConfiguration.enabled"));
        var bucketArn = (String) stream.input("extendedS3Configuration.bucketArn");
        var processors =
                (List<Map<String, Object>>) stream.input("extendedS3Configuration.processingConfiguration.processors");
        var extraction = processors.stream()
                .filter(p -> "MetadataExtraction".equals(p.get("type")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the stream has no MetadataExtraction processor"));
        var parameters = new LinkedHashMap<String, String>();
        ((List<Map<String, Object>>) extraction.get("parameters"))
                .forEach(p -> parameters.put((String) p.get("parameterName"), (String) p.get("parameterValue")));
        assertEquals("JQ-1.6", parameters.get("JsonParsingEngine"));
        var delivery = new FirehoseDelivery(
                (String) stream.input("name"),
                bucketArn.substring(bucketArn.lastIndexOf(':') + 1),
                (String) stream.input("extendedS3Configuration.prefix"),
                parameters.get("MetadataExtractionQuery"),
                converts);
        if (converts) {
            var compression = stream.input(
                    "extendedS3Configuration.dataFormatConversionConfiguration.outputFormatConfiguration.serializer.parquetSerDe.compression");
            delivery.parquetCompression = compression == null ? "SNAPPY" : (String) compression;
        }
        return delivery;
    }

    /** The compression inside the Parquet files the stream writes (Firehose's default SNAPPY when unset). */
    String parquetCompression() {
        return parquetCompression;
    }

    boolean convertsToParquet() {
        return convertsToParquet;
    }

    /** Firehose's object name under a key prefix: {@code <stream>-<version>-yyyy-MM-dd-HH-mm-ss-<random>}, .gz when GZIP. */
    String objectKey(String keyPrefix, Instant firstArrival) {
        return keyPrefix + streamName + "-1-" + OBJECT_TIME.format(firstArrival) + "-" + UUID.randomUUID()
                + (convertsToParquet ? "" : ".gz");
    }

    String bucketName() {
        return bucketName;
    }

    /** The partition keys of one record, as both jq engines compute them (they must agree). */
    Map<String, String> partitionKeys(JsonNode record) {
        var expected = evaluateWithJacksonJq(metadataQuery, record);
        var real = evaluateWithRealJq(metadataQuery, record);
        assertEquals(expected, real, "jackson-jq and the real jq 1.6 disagree on " + record.path("eventType"));
        var keys = new LinkedHashMap<String, String>();
        real.fields()
                .forEachRemaining(
                        field -> keys.put(field.getKey(), field.getValue().asText()));
        return keys;
    }

    /** The S3 key prefix Firehose writes a record with these partition keys to, arriving at {@code arrival}. */
    String keyPrefix(Map<String, String> partitionKeys, Instant arrival) {
        return evaluatePrefix(prefix, partitionKeys, arrival);
    }

    /** Firehose's prefix evaluation: partitionKeyFromQuery, and timestamp as the UTC arrival time in a Java pattern. */
    static String evaluatePrefix(String prefix, Map<String, String> partitionKeys, Instant arrival) {
        var matcher = EXPRESSION.matcher(prefix);
        var out = new StringBuilder();
        while (matcher.find()) {
            var value = matcher.group(1).equals("timestamp")
                    ? DateTimeFormatter.ofPattern(matcher.group(2))
                            .withZone(ZoneOffset.UTC)
                            .format(arrival)
                    : partitionKeys.get(matcher.group(2));
            if (value == null) {
                throw new AssertionError(
                        "the query gives no partition key " + matcher.group(2) + " for prefix " + prefix);
            }
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (out.indexOf("!{") >= 0) {
            throw new AssertionError("an expression Firehose would evaluate is not simulated: " + out);
        }
        return out.toString();
    }

    /** One record as SES hands it to the stream, arriving at a time. */
    record Arrival(JsonNode record, Instant arrivedAt) {}

    /**
     * Delivers the records into {@code storageRoot/<bucket>/}: one GZIP object per partition and
     * buffer, each record one line (SES writes one JSON object per record, newline-terminated).
     * Returns the S3 keys written.
     */
    List<String> deliver(Path storageRoot, List<Arrival> arrivals) {
        return deliver(storageRoot, arrivals, true);
    }

    /**
     * As {@link #deliver(Path, List)}; with {@code realJqForEveryRecord} false (traffic in bulk),
     * jackson-jq's JQ_1_6 mode computes every record's keys and the real jq 1.6 checks the first
     * record of each event type (starting a process per record would take minutes).
     */
    List<String> deliver(Path storageRoot, List<Arrival> arrivals, boolean realJqForEveryRecord) {
        if (convertsToParquet) {
            throw new AssertionError(
                    "Firehose converts this stream's records to Parquet: deliver them with the JSON stream, then convert");
        }
        var objects = new LinkedHashMap<String, List<Arrival>>();
        var checkedByRealJq = new java.util.HashSet<String>();
        var bulk = realJqForEveryRecord ? null : new CompiledQuery(metadataQuery);
        for (var arrival : arrivals) {
            Map<String, String> keys;
            if (realJqForEveryRecord
                    || checkedByRealJq.add(arrival.record().path("eventType").asText())) {
                keys = partitionKeys(arrival.record());
            } else {
                keys = new LinkedHashMap<>();
                var result = bulk.apply(arrival.record());
                var found = keys;
                result.fields()
                        .forEachRemaining(field ->
                                found.put(field.getKey(), field.getValue().asText()));
            }
            objects.computeIfAbsent(keyPrefix(keys, arrival.arrivedAt()), key -> new ArrayList<>())
                    .add(arrival);
        }
        var keys = new ArrayList<String>();
        objects.forEach((keyPrefix, records) -> {
            var first = records.get(0).arrivedAt();
            var key = objectKey(keyPrefix, first);
            write(storageRoot.resolve(bucketName).resolve(key), records);
            keys.add(key);
        });
        return keys;
    }

    private static void write(Path object, List<Arrival> records) {
        try {
            Files.createDirectories(object.getParent());
            try (var out = new GZIPOutputStream(Files.newOutputStream(object))) {
                for (var arrival : records) {
                    out.write(JSON.writeValueAsBytes(arrival.record()));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** jackson-jq's JQ_1_6 mode, compiled once for many records. */
    private static final class CompiledQuery {
        private final Scope scope;
        private final JsonQuery query;

        CompiledQuery(String text) {
            try {
                var root = Scope.newEmptyScope();
                BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
                this.scope = root;
                this.query = JsonQuery.compile(text, Versions.JQ_1_6);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode apply(JsonNode record) {
            try {
                var results = new ArrayList<JsonNode>();
                query.apply(Scope.newChildScope(scope), record, results::add);
                assertEquals(1, results.size(), "the query must yield exactly one object per record");
                return results.get(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static JsonNode evaluateWithJacksonJq(String query, JsonNode record) {
        try {
            var scope = Scope.newEmptyScope();
            BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
            var results = new ArrayList<JsonNode>();
            JsonQuery.compile(query, Versions.JQ_1_6).apply(Scope.newChildScope(scope), record, results::add);
            assertEquals(1, results.size(), "the query must yield exactly one object per record");
            return results.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jq Firehose runs is jq 1.6; the machines have it as /usr/bin/jq (Debian's jq package). */
    static JsonNode evaluateWithRealJq(String query, JsonNode record) {
        if (!Files.isExecutable(REAL_JQ)) {
            throw new AssertionError("jq 1.6 is needed at " + REAL_JQ + " (Debian: apt-get install jq)");
        }
        try {
            var process = new ProcessBuilder(REAL_JQ.toString(), "-c", query).start();
            try (var in = process.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(record));
            }
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            var error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("jq failed on " + record.path("eventType") + ": " + error);
            }
            return JSON.readTree(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String realJqVersion() {
        try {
            var process = new ProcessBuilder(REAL_JQ.toString(), "--version").start();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
