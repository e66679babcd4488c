package dev.seslogs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seslogs.aws.LogRetention;
import dev.seslogs.events.SesEventType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything a stack can configure, typed, validated and immutable. This is the only place that
 * reads stack configuration; every default and every bound lives here (and is declared again,
 * for the CLI, in Pulumi.yaml — a test keeps the two equal).
 *
 * @param namePrefix               first part of every physical name ({@code ses-logs} in the article)
 * @param retentionDays            days the log bucket keeps events; the article's 35..540
 * @param logGroupRetentionDays    derived: the CloudWatch retention value closest to, and not below, retentionDays
 * @param costTag                  value of the {@code Cost} tag on every taggable resource
 * @param identities               sending identities wired to the configuration set and the feedback topic
 * @param notificationEmails       addresses subscribed to the feedback topic
 * @param trackOpensAndClicks      also publish Open and Click events (SES rewrites links and adds a pixel)
 * @param queryScanLimitMb         Athena's per-query bytes-scanned cutoff for the workgroup, in MiB
 * @param queryResultRetentionDays days Athena query results are kept under the results prefix
 */
public record Settings(
        String namePrefix,
        int retentionDays,
        int logGroupRetentionDays,
        String costTag,
        List<SesIdentity> identities,
        List<String> notificationEmails,
        boolean trackOpensAndClicks,
        int queryScanLimitMb,
        int queryResultRetentionDays) {

    public static final String COST_TAG_KEY = "Cost";

    public static final String NAME_PREFIX = "namePrefix";
    public static final String RETENTION_DAYS = "retentionDays";
    public static final String COST_TAG = "costTag";
    public static final String IDENTITIES = "identities";
    public static final String EXISTING_IDENTITIES = "existingIdentities";
    public static final String NOTIFICATION_EMAILS = "notificationEmails";
    public static final String TRACK_OPENS_AND_CLICKS = "trackOpensAndClicks";
    public static final String QUERY_SCAN_LIMIT_MB = "queryScanLimitMb";
    public static final String QUERY_RESULT_RETENTION_DAYS = "queryResultRetentionDays";

    /** Every key this program reads under its project namespace; anything else is a typo. */
    public static final Set<String> KEYS = Set.of(NAME_PREFIX, RETENTION_DAYS, COST_TAG, IDENTITIES,
            EXISTING_IDENTITIES, NOTIFICATION_EMAILS, TRACK_OPENS_AND_CLICKS, QUERY_SCAN_LIMIT_MB,
            QUERY_RESULT_RETENTION_DAYS);

    public static final String DEFAULT_NAME_PREFIX = "ses-logs";
    public static final int DEFAULT_RETENTION_DAYS = 400;
    public static final int MIN_RETENTION_DAYS = 35;
    public static final int MAX_RETENTION_DAYS = 540;
    public static final String DEFAULT_COST_TAG = "SES";
    public static final int MAX_COST_TAG_LENGTH = 30;
    /** Athena's smallest cutoff is 10 MB; the Java SDK types the cutoff as a 32-bit int of bytes, so 2047 MiB is the largest it can carry. */
    public static final int MIN_QUERY_SCAN_LIMIT_MB = 10;
    public static final int MAX_QUERY_SCAN_LIMIT_MB = 2047;
    public static final int DEFAULT_QUERY_SCAN_LIMIT_MB = 1024;
    public static final int DEFAULT_QUERY_RESULT_RETENTION_DAYS = 30;
    public static final int MAX_QUERY_RESULT_RETENTION_DAYS = 365;
    /**
     * The longest physical name is the IAM role {@code <prefix>-firehose-to-s3-<region>}: 64
     * characters at most, and region names run to 14 ("ap-southeast-4"); the log bucket
     * {@code <prefix>-<account>-<region>} has 63. Twenty leaves room for both.
     */
    public static final int MAX_NAME_PREFIX_LENGTH = 20;

    private static final Pattern NAME_PREFIX_PATTERN = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]|[a-z]");
    /** AWS tag values: letters, digits, spaces and {@code _ . : / = + - @}. */
    private static final Pattern TAG_VALUE_PATTERN = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern DOMAIN_PATTERN = Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");
    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "(?=.{3,254}$)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]");

    public Settings {
        identities = List.copyOf(identities);
        notificationEmails = List.copyOf(notificationEmails);
    }

    /** {@code Cost=<costTag>}, for every taggable resource. */
    public Map<String, String> tags() {
        return Map.of(COST_TAG_KEY, costTag);
    }

    /** The event types the configuration set publishes to the stream. */
    public List<SesEventType> publishedEventTypes() {
        var types = new ArrayList<>(SesEventType.articleDefaults());
        if (trackOpensAndClicks) {
            types.add(SesEventType.OPEN);
            types.add(SesEventType.CLICK);
        }
        return List.copyOf(types);
    }

    /**
     * Reads and validates the project's configuration. Throws one {@link SettingsError} listing
     * every problem, so a user fixes them all in one round.
     *
     * @param namespace the project name, which Pulumi uses as the config namespace
     */
    public static Settings load(StackConfig config, String namespace) {
        var reader = new Reader(config, namespace);
        reader.rejectUnknownKeys();

        var namePrefix = reader.string(NAME_PREFIX, DEFAULT_NAME_PREFIX,
                "1.." + MAX_NAME_PREFIX_LENGTH + " lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen",
                value -> value.length() <= MAX_NAME_PREFIX_LENGTH && NAME_PREFIX_PATTERN.matcher(value).matches());
        var retentionDays = reader.integer(RETENTION_DAYS, DEFAULT_RETENTION_DAYS, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, "days");
        var costTag = reader.string(COST_TAG, DEFAULT_COST_TAG,
                "1.." + MAX_COST_TAG_LENGTH + " characters of letters, digits, spaces and _ . : / = + - @",
                value -> !value.isEmpty() && value.length() <= MAX_COST_TAG_LENGTH && TAG_VALUE_PATTERN.matcher(value).matches());
        var identityNames = reader.uniqueList(IDENTITIES,
                "a list of domains (example.com) or e-mail addresses (noreply@example.com)",
                Settings::isIdentity);
        var existingNames = reader.uniqueList(EXISTING_IDENTITIES,
                "a list of identities that are also listed in " + namespace + ":" + IDENTITIES,
                Settings::isIdentity);
        var notificationEmails = reader.uniqueList(NOTIFICATION_EMAILS, "a list of e-mail addresses",
                value -> EMAIL_PATTERN.matcher(value).matches());
        var trackOpensAndClicks = reader.bool(TRACK_OPENS_AND_CLICKS, false);
        var queryScanLimitMb = reader.integer(QUERY_SCAN_LIMIT_MB, DEFAULT_QUERY_SCAN_LIMIT_MB,
                MIN_QUERY_SCAN_LIMIT_MB, MAX_QUERY_SCAN_LIMIT_MB, "MiB");
        var queryResultRetentionDays = reader.integer(QUERY_RESULT_RETENTION_DAYS, DEFAULT_QUERY_RESULT_RETENTION_DAYS,
                1, MAX_QUERY_RESULT_RETENTION_DAYS, "days");

        var identityKeys = new LinkedHashSet<String>();
        identityNames.forEach(name -> identityKeys.add(name.toLowerCase(Locale.ROOT)));
        var notListed = existingNames.stream()
                .filter(name -> !identityKeys.contains(name.toLowerCase(Locale.ROOT)))
                .toList();
        if (!notListed.isEmpty()) {
            reader.problem(EXISTING_IDENTITIES, Reader.show(existingNames),
                    "identities that are also listed in " + namespace + ":" + IDENTITIES + " (not listed there: " + String.join(", ", notListed) + ")");
        }

        reader.throwIfAnyProblem();

        var existingKeys = new LinkedHashSet<String>();
        existingNames.forEach(name -> existingKeys.add(name.toLowerCase(Locale.ROOT)));
        var identities = identityNames.stream()
                .map(name -> new SesIdentity(
                        name.contains("@") ? name : name.toLowerCase(Locale.ROOT),
                        name.contains("@") ? SesIdentity.Kind.EMAIL_ADDRESS : SesIdentity.Kind.DOMAIN,
                        existingKeys.contains(name.toLowerCase(Locale.ROOT))))
                .toList();

        return new Settings(namePrefix, retentionDays, LogRetention.atLeast(retentionDays), costTag, identities,
                notificationEmails, trackOpensAndClicks, queryScanLimitMb, queryResultRetentionDays);
    }

    private static boolean isIdentity(String value) {
        return value.contains("@")
                ? EMAIL_PATTERN.matcher(value).matches()
                : DOMAIN_PATTERN.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /** Collects problems instead of stopping at the first one. */
    private static final class Reader {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final StackConfig config;
        private final String namespace;
        private final List<String> problems = new ArrayList<>();

        Reader(StackConfig config, String namespace) {
            this.config = config;
            this.namespace = namespace;
        }

        void rejectUnknownKeys() {
            for (var key : config.keysIn(namespace)) {
                if (!KEYS.contains(key)) {
                    problems.add(namespace + ":" + key + " is set, but " + namespace + " has no such setting; allowed keys: "
                            + String.join(", ", KEYS.stream().sorted().toList()));
                }
            }
        }

        void problem(String key, String shownValue, String allowed) {
            problems.add(namespace + ":" + key + " is " + shownValue + "; allowed: " + allowed);
        }

        void throwIfAnyProblem() {
            if (!problems.isEmpty()) {
                throw new SettingsError(problems);
            }
        }

        Optional<String> raw(String key) {
            return config.get(namespace, key);
        }

        String string(String key, String defaultValue, String allowed, Function<String, Boolean> valid) {
            var value = raw(key).orElse(defaultValue);
            if (!valid.apply(value)) {
                problem(key, show(value), allowed);
            }
            return value;
        }

        int integer(String key, int defaultValue, int min, int max, String unit) {
            var raw = raw(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            var allowed = "a whole number of " + unit + " from " + min + " to " + max;
            try {
                var value = Integer.parseInt(raw.get().trim());
                if (value < min || value > max) {
                    problem(key, raw.get().trim(), allowed);
                }
                return value;
            } catch (NumberFormatException e) {
                problem(key, show(raw.get()), allowed);
                return defaultValue;
            }
        }

        boolean bool(String key, boolean defaultValue) {
            var raw = raw(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            return switch (raw.get().trim()) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problem(key, show(raw.get()), "true or false");
                    yield defaultValue;
                }
            };
        }

        /** A JSON list of strings (how Pulumi passes YAML lists), each valid, none repeated (ignoring case). */
        List<String> uniqueList(String key, String allowed, Function<String, Boolean> valid) {
            var raw = raw(key);
            if (raw.isEmpty()) {
                return List.of();
            }
            JsonNode node;
            try {
                node = JSON.readTree(raw.get());
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isArray()) {
                problem(key, show(raw.get()), allowed);
                return List.of();
            }
            var values = new ArrayList<String>();
            var seen = new LinkedHashMap<String, String>();
            for (var element : node) {
                if (!element.isTextual()) {
                    problem(key, raw.get(), allowed + " (" + element + " is not a string)");
                    continue;
                }
                var value = element.asText().trim();
                if (!valid.apply(value)) {
                    problem(key, raw.get(), allowed + " (" + show(value) + " is not one)");
                    continue;
                }
                var previous = seen.putIfAbsent(value.toLowerCase(Locale.ROOT), value);
                if (previous != null) {
                    problem(key, raw.get(), allowed + ", each listed once (" + show(value) + " is listed twice)");
                    continue;
                }
                values.add(value);
            }
            return values;
        }

        static String show(Object value) {
            if (value instanceof List<?> list) {
                return list.stream().map(Reader::show).toList().toString();
            }
            return "\"" + value + "\"";
        }
    }
}
