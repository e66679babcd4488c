package dev.seslogs.catalog;

import static dev.seslogs.catalog.HiveType.BIGINT;
import static dev.seslogs.catalog.HiveType.BOOLEAN;
import static dev.seslogs.catalog.HiveType.STRING;
import static dev.seslogs.catalog.HiveType.arrayOf;
import static dev.seslogs.catalog.HiveType.field;
import static dev.seslogs.catalog.HiveType.strings;
import static dev.seslogs.catalog.HiveType.struct;

import dev.seslogs.config.LogFormat;
import dev.seslogs.events.SesEventType;
import dev.seslogs.stream.PartitionLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Glue table {@code seslogs} the article queries but never creates: one row per SES event,
 * every event type's details as nested columns (SES Developer Guide, "Contents of event data that
 * Amazon SES publishes"), partitions by projection so no crawler or MSCK REPAIR is ever needed.
 */
public final class EventTable {
    private EventTable() {}

    public static final String TABLE_NAME = "seslogs";
    public static final String SERDE_LIBRARY = "org.openx.data.jsonserde.JsonSerDe";
    public static final String INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
    public static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    /** The columnar layout ({@code logFormat: parquet}): the objects Firehose converts with this table's own schema. */
    public static final String PARQUET_SERDE_LIBRARY = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    public static final String PARQUET_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

    /**
     * The {@code mail} field holding every message tag, SES's and custom ones, declared or not: a
     * map read from the same JSON object as {@code mail.tags} (the {@code mapping.all_tags} of the
     * SerDe). Its keys are the tag names as SES writes them, {@code ses:source-ip} included: a map
     * key is a value, so no rename is needed, e.g. {@code element_at(mail.all_tags, 'campaign')}.
     */
    public static final String ALL_TAGS = "all_tags";
    /** The JSON key the message tags are under in {@code mail}. */
    public static final String TAGS_JSON_KEY = "tags";

    public static final String ACCOUNT = "account";
    public static final String EVENT_TYPE = "event_type";
    public static final String DAY = "day";

    /**
     * SES's own message tags: JSON keys such as {@code ses:source-ip} are not valid column names,
     * so the OpenX SerDe's {@code mapping.<column>} renames them (AWS's Athena guide for SES logs
     * does the same), which makes the article's {@code mail.tags.ses_source_ip} work.
     */
    public static final Map<String, String> SES_TAG_COLUMNS = orderedMap(
            "ses_operation", "ses:operation",
            "ses_configuration_set", "ses:configuration-set",
            "ses_source_ip", "ses:source-ip",
            "ses_from_domain", "ses:from-domain",
            "ses_caller_identity", "ses:caller-identity",
            "ses_outgoing_ip", "ses:outgoing-ip",
            // Added by SES since the article (TLS versions of the submission and of the delivery).
            "ses_source_tls_version", "ses:source-tls-version",
            "ses_outgoing_tls_version", "ses:outgoing-tls-version");

    private static final HiveType RECIPIENTS_WITH_STATUS =
            arrayOf(strings("emailAddress", "action", "status", "diagnosticCode"));
    private static final HiveType TOPIC_PREFERENCES = struct(
            field("unsubscribeAll", BOOLEAN),
            field("topicSubscriptionStatus", arrayOf(strings("topicName", "subscriptionStatus"))),
            field("topicDefaultSubscriptionStatus", arrayOf(strings("topicName", "subscriptionStatus"))));

    /**
     * The common {@code mail} object every event carries; {@code tags} holds SES's tags and the
     * declared custom ones by name (the article's {@code mail.tags.ses_source_ip}), {@code all_tags}
     * every tag as a map.
     */
    static HiveType.Struct mail(List<String> messageTags) {
        var tags = new ArrayList<HiveType.Field>();
        SES_TAG_COLUMNS.keySet().forEach(name -> tags.add(field(name, arrayOf(STRING))));
        messageTags.forEach(name -> tags.add(field(name, arrayOf(STRING))));
        return struct(
                field("timestamp", STRING),
                field("source", STRING),
                field("sourceArn", STRING),
                field("sourceIp", STRING),
                field("callerIdentity", STRING),
                field("sendingAccountId", STRING),
                field("messageId", STRING),
                field("destination", arrayOf(STRING)),
                field("headersTruncated", BOOLEAN),
                field("headers", arrayOf(strings("name", "value"))),
                field(
                        "commonHeaders",
                        struct(
                                field("from", arrayOf(STRING)),
                                field("replyTo", arrayOf(STRING)),
                                field("to", arrayOf(STRING)),
                                field("cc", arrayOf(STRING)),
                                field("bcc", arrayOf(STRING)),
                                field("date", STRING),
                                field("messageId", STRING),
                                field("subject", STRING),
                                field("returnPath", STRING))),
                field("tags", new HiveType.Struct(tags)),
                field(ALL_TAGS, new HiveType.MapOf(STRING, arrayOf(STRING))));
    }

    /** Each event type's details, keyed by the JSON field SES writes them under. */
    static final Map<SesEventType, HiveType> DETAILS = detailTypes();

    private static Map<SesEventType, HiveType> detailTypes() {
        var details = new LinkedHashMap<SesEventType, HiveType>();
        // send is always {}; Hive has no empty struct, and an empty map reads it.
        details.put(SesEventType.SEND, new HiveType.MapOf(STRING, STRING));
        details.put(SesEventType.REJECT, strings("reason"));
        details.put(
                SesEventType.BOUNCE,
                struct(
                        field("bounceType", STRING),
                        field("bounceSubType", STRING),
                        field("bouncedRecipients", RECIPIENTS_WITH_STATUS),
                        field("timestamp", STRING),
                        field("feedbackId", STRING),
                        field("reportingMTA", STRING),
                        field("remoteMtaIp", STRING)));
        details.put(
                SesEventType.COMPLAINT,
                struct(
                        field("complainedRecipients", arrayOf(strings("emailAddress"))),
                        field("timestamp", STRING),
                        field("feedbackId", STRING),
                        field("complaintSubType", STRING),
                        field("userAgent", STRING),
                        field("complaintFeedbackType", STRING),
                        field("arrivalDate", STRING)));
        details.put(
                SesEventType.DELIVERY,
                struct(
                        field("timestamp", STRING),
                        field("processingTimeMillis", BIGINT),
                        field("recipients", arrayOf(STRING)),
                        field("smtpResponse", STRING),
                        field("reportingMTA", STRING),
                        field("remoteMtaIp", STRING)));
        details.put(SesEventType.OPEN, strings("ipAddress", "timestamp", "userAgent"));
        details.put(
                SesEventType.CLICK,
                struct(
                        field("ipAddress", STRING),
                        field("timestamp", STRING),
                        field("userAgent", STRING),
                        field("link", STRING),
                        field("linkTags", new HiveType.MapOf(STRING, arrayOf(STRING)))));
        details.put(SesEventType.RENDERING_FAILURE, strings("templateName", "errorMessage"));
        details.put(
                SesEventType.DELIVERY_DELAY,
                struct(
                        field("timestamp", STRING),
                        field("delayType", STRING),
                        field("expirationTime", STRING),
                        field("delayedRecipients", arrayOf(strings("emailAddress", "status", "diagnosticCode"))),
                        field("reportingMTA", STRING)));
        details.put(
                SesEventType.SUBSCRIPTION,
                struct(
                        field("contactList", STRING),
                        field("timestamp", STRING),
                        field("source", STRING),
                        field("newTopicPreferences", TOPIC_PREFERENCES),
                        field("oldTopicPreferences", TOPIC_PREFERENCES)));
        return Map.copyOf(details);
    }

    public record Column(String name, String type, String comment) {}

    /**
     * The data columns, as a typed tree: {@code eventType}, {@code mail}, then one column per
     * event type's details. Every message tag is in the map {@code mail.all_tags}; {@code mail.tags}
     * stays a struct for the article's {@code mail.tags.ses_source_ip} (a map has no fields), with
     * SES's own tags and the declared custom ones as fields.
     */
    public static HiveType.Struct schema(List<String> messageTags) {
        var fields = new ArrayList<HiveType.Field>();
        fields.add(field("eventType", STRING));
        fields.add(field("mail", mail(messageTags)));
        for (var type : SesEventType.values()) {
            fields.add(field(type.detailField(), DETAILS.get(type)));
        }
        return new HiveType.Struct(fields);
    }

    public static List<Column> dataColumns(List<String> messageTags) {
        return schema(messageTags).fields().stream()
                .map(f -> new Column(f.name(), f.type().render(), comment(f.name())))
                .toList();
    }

    private static String comment(String column) {
        if (column.equals("eventType")) {
            return "SES event type, as SES writes it (Rendering Failure with its space)";
        }
        if (column.equals("mail")) {
            return "The message the event is about: common to every event type";
        }
        return SesEventType.all().stream()
                .filter(t -> t.detailField().equals(column))
                .findFirst()
                .map(t -> "Details of " + t.eventTypeValue() + " events; null for other types")
                .orElse("");
    }

    /**
     * The partition columns. An archive's table has the member account first: each member's
     * stream writes under {@code partitioned/<account>/}.
     */
    public static List<Column> partitionKeys(boolean perAccount) {
        var keys = new ArrayList<Column>();
        if (perAccount) {
            keys.add(new Column(ACCOUNT, "string", "The sending (member) account"));
        }
        keys.add(new Column(
                EVENT_TYPE,
                "string",
                "Event type as written in the S3 path: "
                        + String.join(", ", PartitionLayout.eventTypePartitionValues())));
        keys.add(new Column(DAY, "string", "Day the event reached the stream, UTC, as yyyy/MM/dd"));
        return List.copyOf(keys);
    }

    /**
     * The JSON key each renamed column or field reads: SES's {@code ses:*} tags (not valid field
     * names) and {@code all_tags}, a second reading of {@code mail.tags} as a map. The OpenX SerDe
     * takes them as {@code mapping.<column>}; Firehose's format conversion as its OpenX
     * deserializer's {@code columnToJsonKeyMappings}.
     */
    public static Map<String, String> jsonKeyMappings() {
        var mappings = new LinkedHashMap<String, String>(SES_TAG_COLUMNS);
        mappings.put(ALL_TAGS, TAGS_JSON_KEY);
        return java.util.Collections.unmodifiableMap(mappings);
    }

    public static Map<String, String> serdeParameters() {
        return serdeParameters(LogFormat.JSON);
    }

    public static Map<String, String> serdeParameters(LogFormat format) {
        var parameters = new LinkedHashMap<String, String>();
        if (format == LogFormat.PARQUET) {
            // Parquet columns are found by name; the renames happened in Firehose's conversion.
            parameters.put("serialization.format", "1");
            return Map.copyOf(parameters);
        }
        jsonKeyMappings().forEach((column, key) -> parameters.put("mapping." + column, key));
        // A line that is not JSON fails the query instead of vanishing: the stream only writes
        // what passed its JSON query, so such a line is a bug worth seeing.
        parameters.put("ignore.malformed.json", "FALSE");
        return Map.copyOf(parameters);
    }

    public static String serdeLibrary(LogFormat format) {
        return format == LogFormat.PARQUET ? PARQUET_SERDE_LIBRARY : SERDE_LIBRARY;
    }

    public static String inputFormat(LogFormat format) {
        return format == LogFormat.PARQUET ? PARQUET_INPUT_FORMAT : INPUT_FORMAT;
    }

    public static String outputFormat(LogFormat format) {
        return format == LogFormat.PARQUET ? PARQUET_OUTPUT_FORMAT : OUTPUT_FORMAT;
    }

    public static String location(String bucketName) {
        return "s3://" + bucketName + "/" + PartitionLayout.DATA_ROOT;
    }

    public static String locationTemplate(String bucketName, boolean perAccount) {
        return location(bucketName) + (perAccount ? "${" + ACCOUNT + "}/" : "") + "${" + EVENT_TYPE + "}/${" + DAY
                + "}/";
    }

    /**
     * Partition projection: Athena computes partitions from these rules instead of a catalog of
     * partitions. The day range ends at the retention, so no query enumerates expired days.
     */
    public static Map<String, String> tableParameters(
            String bucketName, int retentionDays, List<String> memberAccounts) {
        return tableParameters(bucketName, retentionDays, memberAccounts, LogFormat.JSON);
    }

    public static Map<String, String> tableParameters(
            String bucketName, int retentionDays, List<String> memberAccounts, LogFormat format) {
        var perAccount = !memberAccounts.isEmpty();
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("EXTERNAL", "TRUE");
        if (format == LogFormat.PARQUET) {
            parameters.put("classification", "parquet");
        } else {
            parameters.put("classification", "json");
            parameters.put("compressionType", "gzip");
        }
        parameters.put("projection.enabled", "true");
        if (perAccount) {
            parameters.put("projection." + ACCOUNT + ".type", "enum");
            parameters.put("projection." + ACCOUNT + ".values", String.join(",", memberAccounts));
        }
        parameters.put("projection." + EVENT_TYPE + ".type", "enum");
        parameters.put(
                "projection." + EVENT_TYPE + ".values", String.join(",", PartitionLayout.eventTypePartitionValues()));
        parameters.put("projection." + DAY + ".type", "date");
        parameters.put("projection." + DAY + ".format", PartitionLayout.DAY_FORMAT);
        parameters.put("projection." + DAY + ".range", "NOW-" + retentionDays + "DAYS,NOW");
        parameters.put("projection." + DAY + ".interval", "1");
        parameters.put("projection." + DAY + ".interval.unit", "DAYS");
        parameters.put("storage.location.template", locationTemplate(bucketName, perAccount));
        return Map.copyOf(parameters);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (var i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
