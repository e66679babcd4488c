package dev.seslogs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seslogs.aws.LogRetention;
import dev.seslogs.events.SesEventType;
import dev.seslogs.notify.Alarms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything a stack can configure, typed, validated and immutable. This is the only place that
 * reads stack configuration, and every bound lives here; each key, type, default and description
 * is declared once, in {@link Setting}, from which Pulumi.yaml's config block and the README's
 * table are generated (bash scripts/config-docs).
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
 * @param region                   the AWS region every resource is created in
 * @param allowedAccountIds        the only accounts the stack may deploy into (empty: any)
 * @param assumeRoleArn            the role the AWS provider assumes in the target account, if any
 * @param topology                 standalone, central log archive, or sending account of an archive
 * @param memberAccounts           archive only: the sending accounts whose streams may write into the bucket
 * @param archiveStack             member only: the archive stack, as organization/project/stack
 * @param bounceRateWarning        bounce rate (a fraction, 0.02 = 2%) at which the warning alarm fires
 * @param complaintRateWarning     complaint rate (a fraction) at which the warning alarm fires
 * @param suppressBouncesAndComplaints the configuration set stops sending to addresses that bounced or complained
 * @param mailFromSubdomain        custom MAIL FROM subdomain of every created domain identity (empty: SES's own)
 * @param hostedZones              Route 53 hosted zone id by domain: records of identities under it are created there
 * @param dmarcPolicy              DMARC policy record to publish for domain identities (empty: none)
 * @param customerManagedKey       encrypt bucket, stream and topics with a KMS key of the stack's own
 * @param logBucketVersioning      keep overwritten or deleted log objects as noncurrent versions until retention ends
 * @param messageTags              custom message tags also declared as fields of {@code mail.tags} (every tag is in
 *                                 {@code mail.all_tags} without it): dot access by name, and in Parquet a column of its own
 * @param logFormat                how the stream writes the log objects: JSON (GZIP) or Parquet converted by Firehose
 * @param logStorageClass          where log objects move after {@code logStorageClassAfterDays} (STANDARD: they stay)
 * @param logStorageClassAfterDays age in days at which log objects move to {@code logStorageClass}
 * @param deliverabilityInsights   SES Virtual Deliverability Manager on for the account and the configuration set
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
        int queryResultRetentionDays,
        String region,
        List<String> allowedAccountIds,
        Optional<String> assumeRoleArn,
        Topology topology,
        List<String> memberAccounts,
        Optional<String> archiveStack,
        BigDecimal bounceRateWarning,
        BigDecimal complaintRateWarning,
        boolean suppressBouncesAndComplaints,
        Optional<String> mailFromSubdomain,
        Map<String, String> hostedZones,
        Optional<String> dmarcPolicy,
        boolean customerManagedKey,
        boolean logBucketVersioning,
        List<String> messageTags,
        LogStorageClass logStorageClass,
        int logStorageClassAfterDays,
        boolean deliverabilityInsights,
        LogFormat logFormat) {

    /** AWS's review levels, defined with the alarms that watch them (notify/Alarms): a warning must stay below them. */
    public static final BigDecimal BOUNCE_RATE_REVIEW = Alarms.BOUNCE_RATE_REVIEW;

    public static final BigDecimal COMPLAINT_RATE_REVIEW = Alarms.COMPLAINT_RATE_REVIEW;

    /** Where the logs of a stack live and who writes them. */
    public enum Topology {
        /** Everything in one account: the article's setup. */
        STANDALONE,
        /** The central log-archive account: bucket, catalog and queries for every member account. */
        ARCHIVE,
        /** A sending account: SES, feedback and a stream that delivers into the archive's bucket. */
        MEMBER;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String COST_TAG_KEY = "Cost";
    /**
     * The most member accounts an archive admits: its bucket policy lists each once (15 bytes a
     * member) and S3 refuses bucket policies over 20 KB; a test keeps the largest policy under it.
     */
    public static final int MAX_MEMBER_ACCOUNTS = 1000;

    public static final int MIN_RETENTION_DAYS = 35;
    public static final int MAX_RETENTION_DAYS = 540;
    public static final int MAX_COST_TAG_LENGTH = 30;
    /** Athena's smallest cutoff is 10 MB; the Java SDK types the cutoff as a 32-bit int of bytes, so 2047 MiB is the largest it can carry. */
    public static final int MIN_QUERY_SCAN_LIMIT_MB = 10;

    public static final int MAX_QUERY_SCAN_LIMIT_MB = 2047;
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

    private static final Pattern DOMAIN_PATTERN =
            Pattern.compile("(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");
    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("(?=.{3,254}$)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]");

    private static final Pattern ACCOUNT_ID_PATTERN = Pattern.compile("\\d{12}");
    private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");
    private static final Pattern ROLE_ARN_PATTERN =
            Pattern.compile("arn:aws(-cn|-us-gov)?:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
    private static final Pattern PERCENT_PATTERN = Pattern.compile("(\\d{1,2}(\\.\\d{1,4})?)%");
    private static final Pattern DNS_LABEL_PATTERN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ZONE_PATTERN = Pattern.compile("(.+)=(Z[A-Z0-9]{1,31})");
    private static final Pattern STACK_NAME_PATTERN =
            Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    public Settings {
        identities = List.copyOf(identities);
        notificationEmails = List.copyOf(notificationEmails);
        allowedAccountIds = List.copyOf(allowedAccountIds);
        memberAccounts = List.copyOf(memberAccounts);
        messageTags = List.copyOf(messageTags);
    }

    /** Whether this stack sends mail (has SES, the stream and the feedback topic). */
    public boolean sendsMail() {
        return topology != Topology.ARCHIVE;
    }

    /** Whether this stack keeps the logs (has the bucket and the query catalog). */
    public boolean keepsLogs() {
        return topology != Topology.MEMBER;
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

        var namePrefix = reader.string(
                Setting.NAME_PREFIX,
                "1.." + MAX_NAME_PREFIX_LENGTH
                        + " lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen",
                value -> value.length() <= MAX_NAME_PREFIX_LENGTH
                        && NAME_PREFIX_PATTERN.matcher(value).matches());
        var retentionDays = reader.integer(Setting.RETENTION_DAYS, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, "days");
        var costTag = reader.string(
                Setting.COST_TAG,
                "1.." + MAX_COST_TAG_LENGTH + " characters of letters, digits, spaces and _ . : / = + - @",
                value -> !value.isEmpty()
                        && value.length() <= MAX_COST_TAG_LENGTH
                        && TAG_VALUE_PATTERN.matcher(value).matches());
        var identityNames = reader.uniqueList(
                Setting.IDENTITIES,
                "a list of domains (example.com) or e-mail addresses (noreply@example.com)",
                Settings::isIdentity);
        var existingNames = reader.uniqueList(
                Setting.EXISTING_IDENTITIES,
                "a list of identities that are also listed in " + namespace + ":" + Setting.IDENTITIES,
                Settings::isIdentity);
        var notificationEmails =
                reader.uniqueList(Setting.NOTIFICATION_EMAILS, "a list of e-mail addresses", value -> EMAIL_PATTERN
                        .matcher(value)
                        .matches());
        var trackOpensAndClicks = reader.bool(Setting.TRACK_OPENS_AND_CLICKS);
        var queryScanLimitMb =
                reader.integer(Setting.QUERY_SCAN_LIMIT_MB, MIN_QUERY_SCAN_LIMIT_MB, MAX_QUERY_SCAN_LIMIT_MB, "MiB");
        var queryResultRetentionDays =
                reader.integer(Setting.QUERY_RESULT_RETENTION_DAYS, 1, MAX_QUERY_RESULT_RETENTION_DAYS, "days");

        var region = reader.raw(Setting.REGION).filter(value -> !value.isBlank());
        if (region.isEmpty()) {
            reader.problem(Setting.REGION, "not set", "an AWS region such as eu-west-1");
        } else if (!REGION_PATTERN.matcher(region.get()).matches()) {
            reader.problem(Setting.REGION, Reader.show(region.get()), "an AWS region such as eu-west-1");
        }
        var allowedAccountIds = reader.uniqueList(
                Setting.ALLOWED_ACCOUNT_IDS,
                "a list of 12-digit AWS account ids",
                value -> ACCOUNT_ID_PATTERN.matcher(value).matches());
        var assumeRoleArn = reader.raw(Setting.ASSUME_ROLE_ARN).filter(value -> !value.isBlank());
        assumeRoleArn.ifPresent(arn -> {
            var matcher = ROLE_ARN_PATTERN.matcher(arn);
            if (!matcher.matches()) {
                reader.problem(
                        Setting.ASSUME_ROLE_ARN,
                        Reader.show(arn),
                        "an IAM role ARN such as arn:aws:iam::111122223333:role/deployer");
            } else if (!allowedAccountIds.isEmpty() && !allowedAccountIds.contains(matcher.group(2))) {
                reader.problem(
                        Setting.ASSUME_ROLE_ARN,
                        Reader.show(arn),
                        "a role in one of " + namespace + ":" + Setting.ALLOWED_ACCOUNT_IDS + " " + allowedAccountIds
                                + " (it is in " + matcher.group(2) + ")");
            }
        });
        var topologies = List.of("standalone", "archive", "member");
        var topologyValue = reader.string(Setting.TOPOLOGY, "standalone, archive or member", topologies::contains);
        var topology = topologies.contains(topologyValue)
                ? Topology.valueOf(topologyValue.toUpperCase(Locale.ROOT))
                : Topology.STANDALONE;
        var memberAccounts = reader.uniqueList(
                Setting.MEMBER_ACCOUNTS,
                "a list of 12-digit AWS account ids",
                value -> ACCOUNT_ID_PATTERN.matcher(value).matches());
        if (memberAccounts.size() > MAX_MEMBER_ACCOUNTS) {
            reader.problem(
                    Setting.MEMBER_ACCOUNTS,
                    memberAccounts.size() + " accounts",
                    "at most " + MAX_MEMBER_ACCOUNTS
                            + " (the archive's bucket policy lists them once, and S3 keeps bucket policies under 20 KB; for more, "
                            + "split the members over two archives)");
        }
        var archiveStack = reader.raw(Setting.ARCHIVE_STACK).filter(value -> !value.isBlank());
        archiveStack
                .filter(name -> !STACK_NAME_PATTERN.matcher(name).matches())
                .ifPresent(name -> reader.problem(
                        Setting.ARCHIVE_STACK,
                        Reader.show(name),
                        "the archive stack's full name, <organization>/<project>/<stack>"));

        // Settings that mean nothing in a topology are errors, not silently ignored. Compared by
        // value, not presence: the CLI passes the declared defaults of Pulumi.yaml as if set.
        var topologyIs = namespace + ":" + Setting.TOPOLOGY + " is ";
        if (topology == Topology.ARCHIVE) {
            if (memberAccounts.isEmpty()) {
                reader.problem(
                        Setting.MEMBER_ACCOUNTS,
                        reader.raw(Setting.MEMBER_ACCOUNTS).orElse("not set"),
                        "the sending accounts that write into the archive, at least one, when " + topologyIs
                                + "archive");
            }
            var mailSettings = new LinkedHashMap<Setting, Boolean>();
            mailSettings.put(Setting.IDENTITIES, !identityNames.isEmpty());
            mailSettings.put(Setting.TRACK_OPENS_AND_CLICKS, trackOpensAndClicks);
            mailSettings.forEach((key, set) -> {
                if (set) {
                    reader.problem(
                            key,
                            reader.raw(key).orElse(""),
                            "no value when " + topologyIs
                                    + "archive (an archive stack sends no mail; set it on the member stacks)");
                }
            });
        } else if (!memberAccounts.isEmpty()) {
            reader.problem(
                    Setting.MEMBER_ACCOUNTS,
                    reader.raw(Setting.MEMBER_ACCOUNTS).orElse(""),
                    "a value only when " + topologyIs + "archive");
        }
        if (topology == Topology.MEMBER) {
            if (archiveStack.isEmpty()) {
                reader.problem(
                        Setting.ARCHIVE_STACK,
                        "not set",
                        "the archive stack's full name, <organization>/<project>/<stack>, required when " + topologyIs
                                + "member");
            }
            if (queryScanLimitMb != Setting.QUERY_SCAN_LIMIT_MB.defaultInt()
                    || queryResultRetentionDays != Setting.QUERY_RESULT_RETENTION_DAYS.defaultInt()) {
                var key = queryScanLimitMb != Setting.QUERY_SCAN_LIMIT_MB.defaultInt()
                        ? Setting.QUERY_SCAN_LIMIT_MB
                        : Setting.QUERY_RESULT_RETENTION_DAYS;
                reader.problem(
                        key,
                        reader.raw(key).orElse(""),
                        "its default when " + topologyIs
                                + "member (the archive stack owns the bucket and the catalog)");
            }
        } else {
            archiveStack.ifPresent(value -> reader.problem(
                    Setting.ARCHIVE_STACK, Reader.show(value), "a value only when " + topologyIs + "member"));
        }

        var bounceRateWarning = reader.percent(Setting.BOUNCE_RATE_WARNING, BOUNCE_RATE_REVIEW);
        var complaintRateWarning = reader.percent(Setting.COMPLAINT_RATE_WARNING, COMPLAINT_RATE_REVIEW);
        var suppress = reader.bool(Setting.SUPPRESS_BOUNCES_AND_COMPLAINTS);
        var mailFromSubdomain = reader.raw(Setting.MAIL_FROM_SUBDOMAIN).filter(value -> !value.isBlank());
        mailFromSubdomain
                .filter(label -> !DNS_LABEL_PATTERN.matcher(label).matches())
                .ifPresent(label -> reader.problem(
                        Setting.MAIL_FROM_SUBDOMAIN,
                        Reader.show(label),
                        "one DNS label (lower-case letters, digits, hyphens) such as mail"));
        var zoneEntries = reader.uniqueList(
                Setting.ROUTE53_ZONES,
                "a list of <domain>=<hosted zone id> such as example.com=Z0123456789ABC",
                value -> ZONE_PATTERN.matcher(value).matches()
                        && DOMAIN_PATTERN
                                .matcher(value.substring(0, value.indexOf('=')).toLowerCase(Locale.ROOT))
                                .matches());
        var hostedZones = new java.util.TreeMap<String, String>();
        zoneEntries.forEach(entry -> hostedZones.put(
                entry.substring(0, entry.indexOf('=')).toLowerCase(Locale.ROOT),
                entry.substring(entry.indexOf('=') + 1)));
        var dmarcPolicy = reader.raw(Setting.DMARC_POLICY).filter(value -> !value.isBlank());
        dmarcPolicy
                .filter(policy -> !List.of("none", "quarantine", "reject").contains(policy))
                .ifPresent(policy -> reader.problem(
                        Setting.DMARC_POLICY,
                        Reader.show(policy),
                        "none, quarantine or reject (or empty for no DMARC record)"));
        var customerManagedKey = reader.bool(Setting.CUSTOMER_MANAGED_KEY);
        var logBucketVersioning = reader.bool(Setting.LOG_BUCKET_VERSIONING);
        // The JSON SerDe lower-cases keys: two tags differing only by case would make every row
        // fail ("Duplicate key"), so they count as the same tag here.
        // The SerDe's mapping.* renames apply at every level: ses_* and all_tags (the map of every
        // tag, EventTable.ALL_TAGS; named here, config does not depend on catalog) are taken.
        var messageTags = reader.uniqueList(
                Setting.MESSAGE_TAGS,
                "a list of custom message tag names of letters, digits and underscores (1-64),"
                        + " none starting with ses_ or named all_tags (every tag is in mail.all_tags without being listed)",
                value -> value.matches("[A-Za-z0-9_]{1,64}")
                        && !value.toLowerCase(Locale.ROOT).startsWith("ses_")
                        && !value.equalsIgnoreCase("all_tags"));

        var storageClassValue = reader.string(
                Setting.LOG_STORAGE_CLASS,
                "STANDARD, STANDARD_IA or GLACIER_IR (classes Athena reads without a restore; GLACIER and DEEP_ARCHIVE need one before every query)",
                value -> LogStorageClass.fromConfig(value).isPresent());
        var storageClass = LogStorageClass.fromConfig(storageClassValue).orElse(LogStorageClass.STANDARD);
        var storageClassAfterDays = reader.integer(Setting.LOG_STORAGE_CLASS_AFTER_DAYS, 1, MAX_RETENTION_DAYS, "days");
        if (storageClass == LogStorageClass.STANDARD
                && storageClassAfterDays != Setting.LOG_STORAGE_CLASS_AFTER_DAYS.defaultInt()) {
            reader.problem(
                    Setting.LOG_STORAGE_CLASS_AFTER_DAYS,
                    String.valueOf(storageClassAfterDays),
                    "its default (" + Setting.LOG_STORAGE_CLASS_AFTER_DAYS.defaultInt() + ") unless " + namespace + ":"
                            + Setting.LOG_STORAGE_CLASS + " names a class to move to");
        } else if (storageClass != LogStorageClass.STANDARD) {
            if (topology == Topology.MEMBER) {
                reader.problem(
                        Setting.LOG_STORAGE_CLASS,
                        Reader.show(storageClassValue),
                        "STANDARD when " + topologyIs + "member (the archive stack owns the bucket; set it there)");
            } else if (storageClassAfterDays < storageClass.minimumAgeDays) {
                reader.problem(
                        Setting.LOG_STORAGE_CLASS_AFTER_DAYS,
                        String.valueOf(storageClassAfterDays),
                        "at least " + storageClass.minimumAgeDays + " days for " + storageClass.configValue()
                                + " (S3 lifecycle moves objects there only from that age)");
            } else if (retentionDays - storageClassAfterDays < storageClass.minimumStorageDays) {
                reader.problem(
                        Setting.LOG_STORAGE_CLASS_AFTER_DAYS,
                        String.valueOf(storageClassAfterDays),
                        "at most "
                                + (retentionDays - storageClass.minimumStorageDays) + " days with " + namespace + ":"
                                + Setting.RETENTION_DAYS + " " + retentionDays
                                + ": objects expire then, and " + storageClass.configValue() + " bills at least "
                                + storageClass.minimumStorageDays
                                + " days of storage (move earlier, keep longer, or stay in STANDARD)");
            }
        }
        var deliverabilityInsights = reader.bool(Setting.DELIVERABILITY_INSIGHTS);
        if (deliverabilityInsights && topology == Topology.ARCHIVE) {
            reader.problem(
                    Setting.DELIVERABILITY_INSIGHTS,
                    "true",
                    "false when " + topologyIs
                            + "archive (an archive stack sends no mail; set it on the member stacks)");
        }

        var logFormatValue = reader.string(
                Setting.LOG_FORMAT,
                "json (GZIP JSON, the default) or parquet (Firehose converts every record to Parquet with the table's schema)",
                value -> LogFormat.fromConfig(value).isPresent());
        var logFormat = LogFormat.fromConfig(logFormatValue).orElse(LogFormat.JSON);
        if (logFormat == LogFormat.PARQUET && topology != Topology.STANDALONE) {
            // The stream converts with the Glue table of its own account; a member's stream would
            // need the archive's catalog across accounts (a catalog resource policy), and an
            // archive's table would read what its members' streams write.
            reader.problem(
                    Setting.LOG_FORMAT,
                    Reader.show(logFormatValue),
                    "json when " + topologyIs + topology.configValue()
                            + " (parquet is for standalone stacks: Firehose converts with the Glue table of its own account)");
        }

        var identityKeys = new LinkedHashSet<String>();
        identityNames.forEach(name -> identityKeys.add(name.toLowerCase(Locale.ROOT)));
        var notListed = existingNames.stream()
                .filter(name -> !identityKeys.contains(name.toLowerCase(Locale.ROOT)))
                .toList();
        if (!notListed.isEmpty()) {
            reader.problem(
                    Setting.EXISTING_IDENTITIES,
                    Reader.show(existingNames),
                    "identities that are also listed in " + namespace + ":" + Setting.IDENTITIES
                            + " (not listed there: " + String.join(", ", notListed) + ")");
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

        return new Settings(
                namePrefix,
                retentionDays,
                LogRetention.atLeast(retentionDays),
                costTag,
                identities,
                notificationEmails,
                trackOpensAndClicks,
                queryScanLimitMb,
                queryResultRetentionDays,
                region.orElseThrow(),
                allowedAccountIds,
                assumeRoleArn,
                topology,
                memberAccounts,
                archiveStack,
                bounceRateWarning,
                complaintRateWarning,
                suppress,
                mailFromSubdomain,
                Map.copyOf(hostedZones),
                dmarcPolicy,
                customerManagedKey,
                logBucketVersioning,
                messageTags,
                storageClass,
                storageClassAfterDays,
                deliverabilityInsights,
                logFormat);
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
            var keys = Setting.keys();
            for (var key : config.keysIn(namespace)) {
                if (!keys.contains(key)) {
                    problems.add(
                            namespace + ":" + key + " is set, but " + namespace + " has no such setting; allowed keys: "
                                    + String.join(", ", keys.stream().sorted().toList()));
                }
            }
        }

        void problem(Setting key, String shownValue, String allowed) {
            problems.add(namespace + ":" + key + " is " + shownValue + "; allowed: " + allowed);
        }

        void throwIfAnyProblem() {
            if (!problems.isEmpty()) {
                throw new SettingsError(problems);
            }
        }

        Optional<String> raw(Setting key) {
            return config.get(namespace, key.key());
        }

        String string(Setting key, String allowed, Function<String, Boolean> valid) {
            var value = raw(key).orElse(key.defaultString());
            if (!valid.apply(value)) {
                problem(key, show(value), allowed);
            }
            return value;
        }

        int integer(Setting key, int min, int max, String unit) {
            var defaultValue = key.defaultInt();
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

        /** A percentage such as {@code 2%} or {@code 0.05%}, above 0 and below {@code below} (a fraction); returned as a fraction. */
        BigDecimal percent(Setting key, BigDecimal below) {
            var defaultValue = key.defaultString();
            var value = raw(key).orElse(defaultValue).trim();
            var allowed = "a percentage above 0% and below "
                    + below.movePointRight(2).stripTrailingZeros().toPlainString()
                    + "% (where AWS starts reviewing the account), such as " + defaultValue;
            var matcher = PERCENT_PATTERN.matcher(value);
            if (!matcher.matches()) {
                problem(key, show(value), allowed);
                return new BigDecimal(defaultValue.replace("%", "")).movePointLeft(2);
            }
            var fraction = new BigDecimal(matcher.group(1)).movePointLeft(2);
            if (fraction.signum() <= 0 || fraction.compareTo(below) >= 0) {
                problem(key, show(value), allowed);
            }
            return fraction;
        }

        boolean bool(Setting key) {
            var defaultValue = key.defaultBoolean();
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
        List<String> uniqueList(Setting key, String allowed, Function<String, Boolean> valid) {
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
                    // YAML reads an unquoted account id as a number and drops its leading zeros.
                    problem(
                            key,
                            raw.get(),
                            allowed + " (" + element
                                    + (element.isNumber() ? " is a number: put it in quotes)" : " is not a string)"));
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
