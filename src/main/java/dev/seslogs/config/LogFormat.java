package dev.seslogs.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the event stream writes the log objects, and so how the {@code seslogs} table reads them.
 */
public enum LogFormat {
    /** One JSON object per line in GZIP objects: the article's layout, and the default. */
    JSON,
    /**
     * Apache Parquet: Firehose converts each record with the table's own schema (its OpenX JSON
     * deserializer, then its Parquet serializer, GZIP inside the file), so a query reads only
     * the columns it names. Firehose bills the conversion per GB ingested (docs/costs.md).
     */
    PARQUET;

    /** The name in config: {@code json} or {@code parquet}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogFormat> fromConfig(String value) {
        return Arrays.stream(values())
                .filter(f -> f.configValue().equals(value.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
