package dev.seslogs.stream;

import dev.seslogs.events.SesEventType;
import java.util.List;

/**
 * Where the event stream writes in the log bucket. The Glue table's projection is derived from
 * these same constants, so the stream and the table cannot disagree about a path.
 */
public final class PartitionLayout {
    private PartitionLayout() {}

    /** The partition key the metadata-extraction query yields and the data prefix reads. */
    public static final String EVENT_TYPE_KEY = "EventType";

    /**
     * Firehose's MetadataExtraction query (evaluated with JQ-1.6). The article used
     * {@code {EventType: .eventType}}, which writes "Rendering Failure" with a space into the S3
     * key; {@code split/join} removes it without relying on jq's regex support.
     */
    public static final String METADATA_EXTRACTION_QUERY =
            "{" + EVENT_TYPE_KEY + ": (.eventType | split(\" \") | join(\"\"))}";

    public static final String JSON_PARSING_ENGINE = "JQ-1.6";

    /** Top-level folder for successfully partitioned records. */
    public static final String DATA_ROOT = "partitioned/";

    /** Java DateTimeFormatter pattern Firehose applies to the record's arrival time. */
    public static final String DAY_FORMAT = "yyyy/MM/dd";

    /** The article's layout: {@code partitioned/<EventType>/<yyyy/MM/dd>/}. */
    public static final String DATA_PREFIX =
            DATA_ROOT + "!{partitionKeyFromQuery:" + EVENT_TYPE_KEY + "}/!{timestamp:" + DAY_FORMAT + "}/";

    /** Top-level folder for records Firehose could not process or partition. */
    public static final String ERROR_ROOT = "errorLog/";

    /**
     * The article's error layout with one fix: it used {@code YYYY}, which in Java's
     * DateTimeFormatter is the week-based year and files late-December errors under the next
     * year. Firehose requires {@code !{firehose:error-output-type}} here and forbids
     * partitionKeyFromQuery.
     */
    public static final String ERROR_PREFIX =
            ERROR_ROOT + "!{firehose:error-output-type}/dt=!{timestamp:yyyy}-!{timestamp:MM}-!{timestamp:dd}/";

    /**
     * The data prefix of a member account's stream in a central archive bucket:
     * {@code partitioned/<account>/<EventType>/<yyyy/MM/dd>/}. Each account writes only under its
     * own folder, which the archive's bucket policy enforces.
     */
    public static String memberDataPrefix(String accountId) {
        return DATA_ROOT + accountId + "/" + DATA_PREFIX.substring(DATA_ROOT.length());
    }

    /** The error prefix of a member account's stream: {@code errorLog/<account>/...}. */
    public static String memberErrorPrefix(String accountId) {
        return ERROR_ROOT + accountId + "/" + ERROR_PREFIX.substring(ERROR_ROOT.length());
    }

    /** Every value the stream can write in the event-type path segment. */
    public static List<String> eventTypePartitionValues() {
        return SesEventType.all().stream().map(SesEventType::partitionValue).toList();
    }
}
