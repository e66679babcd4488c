package dev.seslogs.aws;

import java.util.List;

/**
 * CloudWatch Logs accepts only a fixed list of retention periods (PutRetentionPolicy,
 * "retentionInDays"); any other number is rejected at deploy time. The article passed its
 * 35..540 retention straight through, so 400 worked and 35 failed.
 */
public final class LogRetention {
    private LogRetention() {}

    public static final List<Integer> ALLOWED_DAYS = List.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** The smallest period CloudWatch accepts that keeps logs at least {@code days} days. */
    public static int atLeast(int days) {
        return ALLOWED_DAYS.stream()
                .filter(allowed -> allowed >= days)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException(days + " days is longer than CloudWatch's longest retention, "
                                + ALLOWED_DAYS.get(ALLOWED_DAYS.size() - 1)));
    }

    public static boolean isAllowed(int days) {
        return ALLOWED_DAYS.contains(days);
    }
}
