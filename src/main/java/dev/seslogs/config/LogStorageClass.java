package dev.seslogs.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The S3 storage class log objects move to after {@code logStorageClassAfterDays}. Only classes
 * Athena reads directly are offered: S3 Glacier Flexible Retrieval and Deep Archive need a restore
 * before every query, so a transition there would make old days silently unqueryable.
 */
public enum LogStorageClass {
    /** No transition: the article's setup. */
    STANDARD(0, 0),
    /** S3 lifecycle moves objects to Standard-IA only once they are 30 days old; IA bills 30 days at least. */
    STANDARD_IA(30, 30),
    /** Glacier Instant Retrieval: millisecond reads like Standard; bills 90 days at least. */
    GLACIER_IR(0, 90);

    /** The youngest age (days) S3 lifecycle accepts for a transition into this class. */
    public final int minimumAgeDays;
    /** The minimum storage duration S3 bills in this class (days). */
    public final int minimumStorageDays;

    LogStorageClass(int minimumAgeDays, int minimumStorageDays) {
        this.minimumAgeDays = minimumAgeDays;
        this.minimumStorageDays = minimumStorageDays;
    }

    /** The name in config and in S3's lifecycle API. */
    public String configValue() {
        return name();
    }

    public static Optional<LogStorageClass> fromConfig(String value) {
        return Arrays.stream(values())
                .filter(c -> c.name().equals(value.trim().toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
