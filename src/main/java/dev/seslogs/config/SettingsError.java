package dev.seslogs.config;

import java.util.List;

/**
 * Every problem found in a stack's configuration, reported together before any resource is
 * registered. Each problem reads {@code ses-logs:<key> is <value>; allowed: <what>}.
 */
public final class SettingsError extends IllegalArgumentException {
    private final List<String> problems;

    public SettingsError(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return "invalid stack configuration: " + problems.get(0);
        }
        return "invalid stack configuration (" + problems.size() + " problems):\n  - "
                + String.join("\n  - ", problems);
    }
}
