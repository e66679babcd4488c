package dev.seslogs.catalog;

import java.util.Optional;
import java.util.regex.Pattern;

/** Reads figures out of the text Trino's {@code EXPLAIN ANALYZE} prints. */
final class TrinoPlans {
    private static final Pattern SCAN_NODE =
            Pattern.compile("^\\s*(ScanFilterProject|ScanFilter|ScanProject|TableScan)\\[.*");
    private static final Pattern INPUT = Pattern.compile("Input: ([0-9,]+) rows? \\(([^)]+)\\)");
    private static final Pattern PHYSICAL_INPUT = Pattern.compile("Physical input: ([^,]+)");

    private TrinoPlans() {}

    /** What the scan of the table read: rows (after the partitions were pruned) and the bytes Trino reports. */
    record ScanInput(long rows, Optional<String> bytes) {}

    static ScanInput tableScanInput(String plan) {
        var inScan = false;
        for (var line : plan.split("\n")) {
            if (SCAN_NODE.matcher(line).matches()) {
                inScan = true;
                continue;
            }
            if (inScan) {
                var input = INPUT.matcher(line);
                if (input.find()) {
                    var physical = PHYSICAL_INPUT.matcher(line);
                    return new ScanInput(
                            Long.parseLong(input.group(1).replace(",", "")),
                            Optional.of(physical.find() ? physical.group(1).trim() : input.group(2)));
                }
            }
        }
        throw new AssertionError("no table scan with an input figure in the plan:\n" + plan);
    }
}
