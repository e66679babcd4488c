package dev.seslogs.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.Mocks;
import dev.seslogs.aws.LogRetention;
import dev.seslogs.events.SesEventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A Pulumi mock engine that answers like AWS for the resource types this program uses: ids and
 * ARNs formed the way AWS forms them, the caller's account and region, and AWS's own limits on
 * names and values, so that what AWS would refuse fails here too (as an {@link AwsRefusal}).
 *
 * <p>It checks documented service limits only; it cannot know what a real account would also
 * refuse (quotas, verification state, permissions of the deploying principal).
 */
public final class SimulatedAws implements Mocks {
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    public static final String DEFAULT_REGION = "ap-northeast-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern IAM_POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern FIREHOSE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
    private static final Pattern LOG_GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern SES_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern ATHENA_WORKGROUP_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
    private static final Pattern SNS_TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
    private static final int ATHENA_MIN_CUTOFF_BYTES = 10 * 1024 * 1024;
    private static final int IAM_TRUST_POLICY_MAX_CHARS = 2048;
    private static final int IAM_INLINE_POLICY_MAX_CHARS = 10240;

    private final String accountId;
    private final String region;
    private final String partition;
    /** Explicit AWS providers the program created, by id: their region and allowed accounts apply. */
    private final Map<String, Map<String, Object>> providers = new java.util.concurrent.ConcurrentHashMap<>();
    /** The outputs of other stacks, for StackReference, by fully qualified stack name. */
    private final Map<String, Map<String, Object>> otherStacks = new java.util.concurrent.ConcurrentHashMap<>();

    public SimulatedAws() {
        this(DEFAULT_ACCOUNT_ID, DEFAULT_REGION);
    }

    public SimulatedAws(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
        this.partition = partitionOf(region);
    }

    private static String partitionOf(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    public String accountId() {
        return accountId;
    }

    /** Makes {@code outputs} what a StackReference to {@code stackName} (organization/project/stack) reads. */
    public SimulatedAws withStack(String stackName, Map<String, Object> outputs) {
        otherStacks.put(stackName, Map.copyOf(outputs));
        return this;
    }

    /** The region a provider with this configuration deploys to: its own, or the default. */
    private String regionOf(Map<String, Object> provider) {
        return provider.get("region") instanceof String r && !r.isEmpty() ? r : region;
    }

    private Map<String, Object> providerOf(String providerReference) {
        if (providerReference == null || providerReference.isEmpty()) {
            return Map.of();
        }
        var id = providerReference.substring(providerReference.lastIndexOf("::") + 2);
        return providers.getOrDefault(id, Map.of());
    }

    /**
     * The AWS provider stops before any call when its account is not among allowedAccountIds
     * (terraform-provider-aws: "AWS account ID not allowed").
     */
    public void checkAllowedAccount(Map<String, Object> provider) {
        var allowed = provider.get("allowedAccountIds");
        List<?> accounts = allowed instanceof List<?> list
                ? list
                : allowed instanceof String json && json.startsWith("[") ? readList(json) : List.of();
        if (!accounts.isEmpty() && !accounts.contains(accountId)) {
            throw new AwsRefusal(
                    "pulumi:providers:aws",
                    "aws",
                    "AWS account ID not allowed: " + accountId + " (allowedAccountIds: " + accounts + ")");
        }
    }

    private static List<?> readList(String json) {
        try {
            return JSON.readValue(json, List.class);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    public String region() {
        return region;
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        try {
            return CompletableFuture.completedFuture(invoke(args.token, providerOf(args.provider)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** What AWS answers to a data source ({@code invoke}) the program calls, through a provider with this configuration. */
    public Map<String, Object> invoke(String token, Map<String, Object> provider) {
        checkAllowedAccount(provider);
        var region = regionOf(provider);
        var partition = partitionOf(region);
        return switch (token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "accountId",
                    accountId,
                    "arn",
                    "arn:" + partition + ":iam::" + accountId + ":user/simulated-deployer",
                    "userId",
                    "AIDASIMULATEDDEPLOYER",
                    "id",
                    accountId);
            case "aws:index/getRegion:getRegion" -> Map.of(
                    "name",
                    region,
                    "id",
                    region,
                    "description",
                    region,
                    "endpoint",
                    "ec2." + region + ".amazonaws.com");
            case "aws:index/getPartition:getPartition" -> Map.of(
                    "partition",
                    partition,
                    "id",
                    partition,
                    "dnsSuffix",
                    "amazonaws.com",
                    "reverseDnsPrefix",
                    "com.amazonaws");
            default -> throw new UnsupportedOperationException("the AWS simulation has no answer for invoke " + token);
        };
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        try {
            if (args.type.equals("pulumi:providers:aws")) {
                var id = args.name + "-provider-id";
                providers.put(id, Map.copyOf(args.inputs));
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), args.inputs));
            }
            if (args.type.equals("pulumi:pulumi:StackReference")) {
                var name = string(args.inputs, "name");
                var outputs = otherStacks.get(name);
                new Refuser(args.type, args.name)
                        .unless(
                                outputs != null,
                                "unknown stack \"" + name + "\" (the engine cannot read a stack that does not exist)");
                return CompletableFuture.completedFuture(ResourceResult.of(
                        Optional.of(name), Map.of("name", name, "outputs", outputs, "secretOutputNames", List.of())));
            }
            var created = create(
                    args.type,
                    args.name,
                    args.inputs,
                    providerOf(args.provider),
                    Optional.ofNullable(args.id).filter(id -> !id.isEmpty()));
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(created.id()), created.state()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A resource as AWS holds it once created: its id and its state (the inputs and what AWS computes). */
    public record Created(String id, Map<String, Object> state) {}

    /**
     * What AWS answers when the resource {@code resourceType} named {@code logicalName} (the Pulumi name) is
     * created with {@code inputs} through a provider with this configuration: its id and state,
     * or an {@link AwsRefusal} where AWS would refuse. {@code existingId}: the id of a resource
     * that already exists (an import).
     */
    public Created create(
            String resourceType,
            String logicalName,
            Map<String, Object> inputs,
            Map<String, Object> provider,
            Optional<String> existingId) {
        var in = inputs;
        var state = new HashMap<String, Object>(in);
        var refuse = new Refuser(resourceType, logicalName);
        checkAllowedAccount(provider);
        var region = regionOf(provider);
        var partition = partitionOf(region);
        checkTags(in, refuse);
        String id;
        switch (resourceType) {
            case "aws:s3/bucketV2:BucketV2" -> {
                var bucket = string(in, "bucket");
                refuse.unless(
                        BUCKET_NAME.matcher(bucket).matches() && !bucket.contains(".."),
                        "InvalidBucketName: \"" + bucket
                                + "\" must be 3-63 lower-case letters, digits, dots and hyphens");
                id = bucket;
                state.put("arn", "arn:" + partition + ":s3:::" + bucket);
                state.put("bucketDomainName", bucket + ".s3.amazonaws.com");
                state.put("region", region);
            }
            case "aws:s3/bucketPolicy:BucketPolicy" -> {
                json(refuse, string(in, "policy"), 20 * 1024, "MalformedPolicy");
                id = string(in, "bucket");
            }
            case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2" -> id =
                    string(in, "bucket");
            case "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2" -> {
                lifecycleRules(refuse, list(in, "rules"));
                id = string(in, "bucket");
            }
            case "aws:cloudwatch/dashboard:Dashboard" -> {
                var name = string(in, "dashboardName");
                refuse.unless(
                        name.matches("[A-Za-z0-9_-]{1,255}"),
                        "InvalidParameterInput: dashboard name \"" + name
                                + "\" must be 1-255 characters of A-Z, a-z, 0-9, - and _");
                dashboardWidgets(refuse, string(in, "dashboardBody"));
                id = name;
                state.put("dashboardArn", "arn:" + partition + ":cloudwatch::" + accountId + ":dashboard/" + name);
            }
            case "aws:sesv2/accountVdmAttributes:AccountVdmAttributes" -> {
                refuse.unless(
                        List.of("ENABLED", "DISABLED").contains(string(in, "vdmEnabled")),
                        "BadRequestException: VdmEnabled must be ENABLED or DISABLED");
                id = "ses-account-vdm-attributes";
            }
            case "aws:iam/role:Role" -> {
                var name = string(in, "name");
                refuse.unless(
                        IAM_NAME.matcher(name).matches(),
                        "ValidationError: roleName \"" + name + "\" must be 1-64 characters of [\\w+=,.@-]");
                json(refuse, string(in, "assumeRolePolicy"), IAM_TRUST_POLICY_MAX_CHARS, "MalformedPolicyDocument");
                id = name;
                state.put("arn", "arn:" + partition + ":iam::" + accountId + ":role/" + name);
                state.put("uniqueId", "AROA" + digest(name, 17).toUpperCase());
            }
            case "aws:iam/rolePolicy:RolePolicy" -> {
                var name = string(in, "name");
                refuse.unless(
                        IAM_POLICY_NAME.matcher(name).matches(),
                        "ValidationError: policyName \"" + name + "\" must be 1-128 characters");
                json(refuse, string(in, "policy"), IAM_INLINE_POLICY_MAX_CHARS, "MalformedPolicyDocument");
                id = string(in, "role") + ":" + name;
            }
            case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream" -> {
                var name = string(in, "name");
                refuse.unless(
                        FIREHOSE_NAME.matcher(name).matches(),
                        "InvalidArgumentException: deliveryStreamName \"" + name
                                + "\" must be 1-64 characters of [a-zA-Z0-9_.-]");
                checkFirehose(map(in, "extendedS3Configuration"), refuse);
                id = "arn:" + partition + ":firehose:" + region + ":" + accountId + ":deliverystream/" + name;
                state.put("arn", id);
            }
            case "aws:cloudwatch/logGroup:LogGroup" -> {
                var name = string(in, "name");
                refuse.unless(
                        LOG_GROUP_NAME.matcher(name).matches(),
                        "InvalidParameterException: logGroupName \"" + name + "\"");
                var retention = in.get("retentionInDays");
                refuse.unless(
                        retention == null || LogRetention.isAllowed(((Number) retention).intValue()),
                        "InvalidParameterException: retentionInDays " + retention + " is not one of "
                                + LogRetention.ALLOWED_DAYS);
                id = name;
                state.put("arn", "arn:" + partition + ":logs:" + region + ":" + accountId + ":log-group:" + name);
            }
            case "aws:cloudwatch/logStream:LogStream" -> {
                var name = string(in, "name");
                refuse.unless(
                        !name.isEmpty() && name.length() <= 512 && !name.contains(":") && !name.contains("*"),
                        "InvalidParameterException: logStreamName \"" + name + "\"");
                id = name;
                state.put(
                        "arn",
                        "arn:" + partition + ":logs:" + region + ":" + accountId + ":log-group:"
                                + string(in, "logGroupName") + ":log-stream:" + name);
            }
            case "aws:sesv2/configurationSet:ConfigurationSet" -> {
                var name = string(in, "configurationSetName");
                refuse.unless(
                        SES_NAME.matcher(name).matches(),
                        "BadRequestException: configuration set name \"" + name
                                + "\" must match ^[a-zA-Z0-9_-]{1,64}$");
                var tls = string(map(in, "deliveryOptions"), "tlsPolicy");
                refuse.unless(
                        tls.isEmpty() || tls.equals("REQUIRE") || tls.equals("OPTIONAL"),
                        "BadRequestException: TlsPolicy " + tls);
                id = name;
                state.put(
                        "arn", "arn:" + partition + ":ses:" + region + ":" + accountId + ":configuration-set/" + name);
            }
            case "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination" -> {
                var name = string(in, "eventDestinationName");
                refuse.unless(
                        SES_NAME.matcher(name).matches(),
                        "BadRequestException: event destination name \"" + name + "\"");
                var types = list(map(in, "eventDestination"), "matchingEventTypes");
                var allowed = SesEventType.all().stream()
                        .map(SesEventType::destinationValue)
                        .toList();
                refuse.unless(
                        !types.isEmpty() && allowed.containsAll(types),
                        "BadRequestException: MatchingEventTypes " + types + " must be a non-empty subset of "
                                + allowed);
                id = string(in, "configurationSetName") + "|" + name;
            }
            case "aws:sesv2/emailIdentity:EmailIdentity" -> {
                var identity = string(in, "emailIdentity");
                var domain = !identity.contains("@");
                id = identity;
                state.put("arn", "arn:" + partition + ":ses:" + region + ":" + accountId + ":identity/" + identity);
                state.put("identityType", domain ? "DOMAIN" : "EMAIL_ADDRESS");
                state.put("verifiedForSendingStatus", false);
                var dkim = new HashMap<String, Object>(map(in, "dkimSigningAttributes"));
                if (domain) {
                    dkim.put(
                            "tokens",
                            List.of(
                                    digest(identity + "1", 32),
                                    digest(identity + "2", 32),
                                    digest(identity + "3", 32)));
                    dkim.put("status", "PENDING");
                    dkim.put("signingAttributesOrigin", "AWS_SES");
                    dkim.putIfAbsent("nextSigningKeyLength", "RSA_2048_BIT");
                } else {
                    dkim.put("tokens", List.of());
                    dkim.put("status", "NOT_STARTED");
                }
                state.put("dkimSigningAttributes", dkim);
            }
            case "aws:ses/identityNotificationTopic:IdentityNotificationTopic" -> {
                var type = string(in, "notificationType");
                refuse.unless(
                        List.of("Bounce", "Complaint", "Delivery").contains(type),
                        "InvalidParameterValue: NotificationType " + type);
                var topic = string(in, "topicArn");
                refuse.unless(
                        topic.isEmpty() || topic.startsWith("arn:" + partition + ":sns:" + region + ":"),
                        "InvalidParameterValue: feedback topic " + topic + " must be an SNS topic in " + region);
                refuse.unless(
                        !topic.endsWith(".fifo"),
                        "InvalidParameterValue: SES cannot publish feedback to FIFO topic " + topic);
                id = string(in, "identity") + "|" + type;
            }
            case "aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes" -> id =
                    string(in, "emailIdentity");
            case "aws:athena/workgroup:Workgroup" -> {
                var name = string(in, "name");
                refuse.unless(
                        ATHENA_WORKGROUP_NAME.matcher(name).matches(),
                        "InvalidRequestException: workgroup name \"" + name + "\"");
                var configuration = map(in, "configuration");
                var cutoff = configuration.get("bytesScannedCutoffPerQuery");
                refuse.unless(
                        cutoff == null || ((Number) cutoff).longValue() >= ATHENA_MIN_CUTOFF_BYTES,
                        "InvalidRequestException: BytesScannedCutoffPerQuery " + cutoff + " is below the minimum "
                                + ATHENA_MIN_CUTOFF_BYTES);
                var output = string(map(configuration, "resultConfiguration"), "outputLocation");
                refuse.unless(
                        output.isEmpty() || output.startsWith("s3://"),
                        "InvalidRequestException: OutputLocation " + output);
                id = name;
                state.put("arn", "arn:" + partition + ":athena:" + region + ":" + accountId + ":workgroup/" + name);
            }
            case "aws:athena/namedQuery:NamedQuery" -> {
                var name = string(in, "name");
                refuse.unless(
                        !name.isEmpty() && name.length() <= 128,
                        "InvalidRequestException: named query name \"" + name + "\"");
                refuse.unless(
                        string(in, "description").length() <= 1024,
                        "InvalidRequestException: description longer than 1024");
                var query = string(in, "query");
                refuse.unless(
                        !query.isEmpty() && query.getBytes(StandardCharsets.UTF_8).length <= 262144,
                        "InvalidRequestException: QueryString must be 1-262144 bytes");
                id = uuid(string(in, "workgroup") + "/" + name);
            }
            case "aws:glue/catalogDatabase:CatalogDatabase" -> {
                var name = string(in, "name");
                refuse.unless(
                        !name.isEmpty() && name.length() <= 255,
                        "InvalidInputException: database name \"" + name + "\"");
                id = accountId + ":" + name;
                state.put("catalogId", accountId);
                state.put("arn", "arn:" + partition + ":glue:" + region + ":" + accountId + ":database/" + name);
            }
            case "aws:glue/catalogTable:CatalogTable" -> {
                var name = string(in, "name");
                refuse.unless(
                        !name.isEmpty() && name.length() <= 255, "InvalidInputException: table name \"" + name + "\"");
                var columns = new java.util.ArrayList<Object>(list(map(in, "storageDescriptor"), "columns"));
                columns.addAll(list(in, "partitionKeys"));
                for (var column : columns) {
                    var c = (Map<?, ?>) column;
                    refuse.unless(
                            String.valueOf(c.get("comment") == null ? "" : c.get("comment"))
                                            .length()
                                    <= 255,
                            "InvalidInputException: comment of column " + c.get("name")
                                    + " is longer than 255 characters");
                    refuse.unless(
                            String.valueOf(c.get("type")).length() <= 131072,
                            "InvalidInputException: type of column " + c.get("name") + " is too long");
                }
                id = accountId + ":" + string(in, "databaseName") + ":" + name;
                state.put("catalogId", accountId);
                state.put(
                        "arn",
                        "arn:" + partition + ":glue:" + region + ":" + accountId + ":table/"
                                + string(in, "databaseName") + "/" + name);
            }
            case "aws:sns/topic:Topic" -> {
                var name = string(in, "name");
                var fifo = Boolean.TRUE.equals(in.get("fifoTopic"));
                var base = fifo && name.endsWith(".fifo") ? name.substring(0, name.length() - 5) : name;
                refuse.unless(
                        SNS_TOPIC_NAME.matcher(base).matches() && (!fifo || name.endsWith(".fifo")),
                        "InvalidParameter: topic name \"" + name + "\"");
                id = "arn:" + partition + ":sns:" + region + ":" + accountId + ":" + name;
                state.put("arn", id);
                state.put("owner", accountId);
            }
            case "aws:sns/topicPolicy:TopicPolicy" -> {
                json(refuse, string(in, "policy"), 30 * 1024, "InvalidParameter: Policy");
                id = string(in, "arn");
                state.put("owner", accountId);
            }
            case "aws:sns/topicSubscription:TopicSubscription" -> {
                var protocol = string(in, "protocol");
                var endpoint = string(in, "endpoint");
                refuse.unless(
                        !protocol.equals("email") || endpoint.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
                        "InvalidParameter: email endpoint \"" + endpoint + "\"");
                id = string(in, "topic") + ":" + uuid(endpoint);
                state.put("arn", id);
                state.put("pendingConfirmation", protocol.startsWith("email"));
                state.put("ownerId", accountId);
            }
            case "aws:kms/key:Key" -> {
                json(refuse, string(in, "policy"), 32768, "MalformedPolicyDocumentException");
                var window = in.get("deletionWindowInDays");
                refuse.unless(
                        window == null || (((Number) window).intValue() >= 7 && ((Number) window).intValue() <= 30),
                        "ValidationException: PendingWindowInDays must be 7-30");
                id = uuid("kms/" + logicalName);
                state.put("keyId", id);
                state.put("arn", "arn:" + partition + ":kms:" + region + ":" + accountId + ":key/" + id);
            }
            case "aws:kms/alias:Alias" -> {
                var name = string(in, "name");
                refuse.unless(
                        name.matches("alias/[a-zA-Z0-9/_-]{1,250}") && !name.startsWith("alias/aws/"),
                        "ValidationException: alias name \"" + name + "\" must start with alias/ and not alias/aws/");
                id = name;
                state.put("arn", "arn:" + partition + ":kms:" + region + ":" + accountId + ":" + name);
            }
            case "aws:cloudwatch/eventRule:EventRule" -> {
                var name = string(in, "name");
                refuse.unless(
                        name.matches("[.\\-_A-Za-z0-9]{1,64}"),
                        "ValidationException: rule name \"" + name + "\" must be 1-64 characters of [.-_A-Za-z0-9]");
                json(refuse, string(in, "eventPattern"), 4096, "InvalidEventPatternException");
                id = name;
                state.put("arn", "arn:" + partition + ":events:" + region + ":" + accountId + ":rule/" + name);
            }
            case "aws:cloudwatch/eventTarget:EventTarget" -> {
                var transformer = map(in, "inputTransformer");
                if (!transformer.isEmpty()) {
                    var paths = map(transformer, "inputPaths");
                    var template = string(transformer, "inputTemplate");
                    refuse.unless(paths.size() <= 100, "ValidationException: InputPathsMap has more than 100 entries");
                    refuse.unless(template.length() <= 8192, "ValidationException: InputTemplate longer than 8192");
                    var placeholders = Pattern.compile("<([A-Za-z0-9_.-]+)>").matcher(template);
                    while (placeholders.find()) {
                        refuse.unless(
                                paths.containsKey(placeholders.group(1))
                                        || List.of(
                                                        "aws.events.rule-arn",
                                                        "aws.events.rule-name",
                                                        "aws.events.event.ingestion-time",
                                                        "aws.events.event",
                                                        "aws.events.event.json")
                                                .contains(placeholders.group(1)),
                                "ValidationException: InputTemplate uses <" + placeholders.group(1)
                                        + ">, which InputPathsMap does not define");
                    }
                    paths.values()
                            .forEach(path -> refuse.unless(
                                    String.valueOf(path).startsWith("$"),
                                    "ValidationException: input path " + path + " is not a JSONPath"));
                }
                id = string(in, "rule") + "-" + logicalName;
            }
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> {
                var name = string(in, "name");
                refuse.unless(!name.isEmpty() && name.length() <= 255, "ValidationError: alarm name \"" + name + "\"");
                refuse.unless(
                        string(in, "alarmDescription").length() <= 1024,
                        "ValidationError: AlarmDescription longer than 1024 characters");
                refuse.unless(
                        List.of(
                                        "GreaterThanOrEqualToThreshold",
                                        "GreaterThanThreshold",
                                        "LessThanThreshold",
                                        "LessThanOrEqualToThreshold")
                                .contains(string(in, "comparisonOperator")),
                        "ValidationError: ComparisonOperator " + string(in, "comparisonOperator"));
                refuse.unless(
                        List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum")
                                .contains(string(in, "statistic")),
                        "ValidationError: Statistic " + string(in, "statistic"));
                var period = ((Number) in.getOrDefault("period", 60)).intValue();
                refuse.unless(
                        period == 10 || period == 20 || period == 30 || (period >= 60 && period % 60 == 0),
                        "ValidationError: Period " + period + " must be 10, 20, 30 or a multiple of 60");
                refuse.unless(
                        List.of("", "breaching", "notBreaching", "ignore", "missing")
                                .contains(string(in, "treatMissingData")),
                        "ValidationError: TreatMissingData " + string(in, "treatMissingData"));
                id = name;
                state.put("arn", "arn:" + partition + ":cloudwatch:" + region + ":" + accountId + ":alarm:" + name);
            }
            case "aws:route53/record:Record" -> {
                var type = string(in, "type");
                for (var value : list(in, "records")) {
                    if (type.equals("TXT") || type.equals("SPF")) {
                        // The provider quotes every TXT value itself before it calls Route 53
                        // (terraform-provider-aws route53 record.go, expandResourceRecords).
                        Route53Txt.refusal("\"" + value + "\"").ifPresent(refuse::because);
                    }
                }
                id = string(in, "zoneId") + "_" + string(in, "name") + "_" + type;
                state.put("fqdn", string(in, "name"));
            }
            case "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes" -> {
                var identity = string(in, "emailIdentity");
                var mailFrom = string(in, "mailFromDomain");
                refuse.unless(
                        mailFrom.endsWith("." + identity),
                        "BadRequestException: MAIL FROM domain " + mailFrom + " is not a subdomain of " + identity);
                refuse.unless(
                        List.of("USE_DEFAULT_VALUE", "REJECT_MESSAGE").contains(string(in, "behaviorOnMxFailure")),
                        "BadRequestException: BehaviorOnMxFailure " + string(in, "behaviorOnMxFailure"));
                id = identity;
            }
            case "aws:s3/bucketNotification:BucketNotification", "aws:s3/bucketVersioningV2:BucketVersioningV2" -> id =
                    string(in, "bucket");
            default -> {
                id = logicalName + "-id";
            }
        }
        return new Created(existingId.orElse(id), state);
    }

    private static void checkFirehose(Map<String, Object> s3, Refuser refuse) {
        if (s3.isEmpty()) {
            return;
        }
        var prefix = string(s3, "prefix");
        var errorPrefix = string(s3, "errorOutputPrefix");
        var dynamic =
                Boolean.TRUE.equals(map(s3, "dynamicPartitioningConfiguration").get("enabled"));
        var bufferSize = s3.get("bufferingSize") == null ? 5 : ((Number) s3.get("bufferingSize")).intValue();
        var interval = s3.get("bufferingInterval") == null ? 300 : ((Number) s3.get("bufferingInterval")).intValue();
        refuse.unless(
                bufferSize >= 1 && bufferSize <= 128,
                "InvalidArgumentException: SizeInMBs " + bufferSize + " must be 1-128");
        refuse.unless(
                interval >= 0 && interval <= 900,
                "InvalidArgumentException: IntervalInSeconds " + interval + " must be 0-900");
        refuse.unless(
                !dynamic || bufferSize >= 64,
                "InvalidArgumentException: BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled");
        refuse.unless(
                !prefix.contains("!{firehose:error-output-type}"),
                "InvalidArgumentException: the Prefix cannot contain !{firehose:error-output-type}");
        if (prefix.contains("!{")) {
            refuse.unless(
                    errorPrefix.contains("!{firehose:error-output-type}"),
                    "InvalidArgumentException: ErrorOutputPrefix must be set and contain !{firehose:error-output-type} when Prefix has expressions");
        }
        refuse.unless(
                !errorPrefix.contains("partitionKeyFromQuery"),
                "InvalidArgumentException: ErrorOutputPrefix cannot use partitionKeyFromQuery");
        checkFormatConversion(s3, bufferSize, refuse);
        if (prefix.contains("partitionKeyFromQuery")) {
            refuse.unless(
                    dynamic, "InvalidArgumentException: partitionKeyFromQuery needs dynamic partitioning enabled");
            var query = metadataQuery(s3);
            var keys = Pattern.compile("!\\{partitionKeyFromQuery:([^}]+)}").matcher(prefix);
            while (keys.find()) {
                refuse.unless(
                        Pattern.compile("[{,]\\s*\"?" + Pattern.quote(keys.group(1)) + "\"?\\s*:")
                                .matcher(query)
                                .find(),
                        "InvalidArgumentException: partition key " + keys.group(1)
                                + " is not produced by the MetadataExtraction query");
            }
        }
    }

    /**
     * Record format conversion (JSON to Parquet or ORC), as Firehose refuses it:
     * <ul>
     * <li>S3 compression must be UNCOMPRESSED: the Firehose developer guide ("Enable record format
     * conversion") says S3 compression is disabled with conversion, the columnar file compresses
     * inside (the provider's default {@code compression_format} is UNCOMPRESSED);</li>
     * <li>a buffer of at least 64 MiB: what the Firehose console asks with conversion on; not found
     * in the API reference ({@code BufferingHints} says 1-128), so this may refuse more than AWS
     * does, which never matters to this program (dynamic partitioning requires 64 MiB anyway, and
     * the stream uses 128);</li>
     * <li>exactly one deserializer (OpenX or Hive JSON SerDe) and one serializer (Parquet or ORC):
     * the API reference's {@code Deserializer} and {@code Serializer}, "If both are non-null, the
     * server rejects the request"; the provider's schema makes each block required;</li>
     * <li>a schema: database, table and role are required ({@code SchemaConfiguration}; the
     * provider marks {@code database_name}, {@code role_arn}, {@code table_name} required);</li>
     * <li>{@code ParquetSerDe}: compression UNCOMPRESSED, GZIP or SNAPPY; {@code BlockSizeBytes} at
     * least 67108864 (64 MiB); {@code PageSizeBytes} at least 65536 (64 KiB) (API reference,
     * {@code ParquetSerDe}).</li>
     * </ul>
     */
    private static void checkFormatConversion(Map<String, Object> s3, int bufferSize, Refuser refuse) {
        var conversion = map(s3, "dataFormatConversionConfiguration");
        if (conversion.isEmpty() || Boolean.FALSE.equals(conversion.get("enabled"))) {
            return;
        }
        var compression = s3.get("compressionFormat") == null ? "UNCOMPRESSED" : string(s3, "compressionFormat");
        refuse.unless(
                compression.equals("UNCOMPRESSED"),
                "InvalidArgumentException: CompressionFormat " + compression
                        + " is not allowed with DataFormatConversionConfiguration: it must be UNCOMPRESSED (the Parquet or ORC file compresses inside)");
        refuse.unless(
                bufferSize >= 64,
                "InvalidArgumentException: BufferingHints.SizeInMBs must be at least 64 when DataFormatConversionConfiguration is enabled");
        var deserializer = map(map(conversion, "inputFormatConfiguration"), "deserializer");
        var deserializers = java.util.stream.Stream.of("openXJsonSerDe", "hiveJsonSerDe")
                .filter(deserializer::containsKey)
                .count();
        refuse.unless(
                deserializers == 1,
                "InvalidArgumentException: InputFormatConfiguration.Deserializer needs exactly one of "
                        + "OpenXJsonSerDe and HiveJsonSerDe (it has " + deserializers + ")");
        var serializer = map(map(conversion, "outputFormatConfiguration"), "serializer");
        var serializers = java.util.stream.Stream.of("parquetSerDe", "orcSerDe")
                .filter(serializer::containsKey)
                .count();
        refuse.unless(
                serializers == 1,
                "InvalidArgumentException: OutputFormatConfiguration.Serializer needs exactly one of "
                        + "ParquetSerDe and OrcSerDe (it has " + serializers + ")");
        var schema = map(conversion, "schemaConfiguration");
        for (var required : List.of("databaseName", "tableName", "roleArn")) {
            refuse.unless(
                    !string(schema, required).isBlank(),
                    "InvalidArgumentException: SchemaConfiguration." + required + " is required");
        }
        var parquet = map(serializer, "parquetSerDe");
        if (serializer.containsKey("parquetSerDe")) {
            var parquetCompression = parquet.get("compression") == null ? "SNAPPY" : string(parquet, "compression");
            refuse.unless(
                    List.of("UNCOMPRESSED", "GZIP", "SNAPPY").contains(parquetCompression),
                    "InvalidArgumentException: ParquetSerDe.Compression " + parquetCompression
                            + " must be UNCOMPRESSED, GZIP or SNAPPY");
            refuse.unless(
                    parquet.get("blockSizeBytes") == null
                            || ((Number) parquet.get("blockSizeBytes")).longValue() >= 67_108_864L,
                    "InvalidArgumentException: ParquetSerDe.BlockSizeBytes must be at least 67108864 (64 MiB)");
            refuse.unless(
                    parquet.get("pageSizeBytes") == null
                            || ((Number) parquet.get("pageSizeBytes")).longValue() >= 65_536L,
                    "InvalidArgumentException: ParquetSerDe.PageSizeBytes must be at least 65536 (64 KiB)");
        }
    }

    @SuppressWarnings("unchecked")
    private static String metadataQuery(Map<String, Object> s3) {
        for (var processor : list(map(s3, "processingConfiguration"), "processors")) {
            for (var parameter :
                    (List<Object>) ((Map<String, Object>) processor).getOrDefault("parameters", List.of())) {
                var p = (Map<String, Object>) parameter;
                if ("MetadataExtractionQuery".equals(p.get("parameterName"))) {
                    return String.valueOf(p.get("parameterValue"));
                }
            }
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private static void checkTags(Map<String, Object> in, Refuser refuse) {
        if (!(in.get("tags") instanceof Map<?, ?> tags)) {
            return;
        }
        refuse.unless(tags.size() <= 50, "InvalidParameter: more than 50 tags");
        ((Map<String, Object>) tags).forEach((key, value) -> {
            refuse.unless(
                    !key.isEmpty() && key.length() <= 128 && !key.startsWith("aws:"),
                    "InvalidTag: key \"" + key + "\"");
            refuse.unless(
                    TAG_VALUE.matcher(String.valueOf(value)).matches(),
                    "InvalidTag: value \"" + value + "\" of " + key);
        });
    }

    /**
     * What S3's PutBucketLifecycleConfiguration refuses in a transition: a class it does not know,
     * Standard-IA or One Zone-IA before 30 days, a transition on or after the rule's own expiry.
     */
    private static void lifecycleRules(Refuser refuse, List<Object> rules) {
        for (var rule : rules) {
            @SuppressWarnings("unchecked")
            var fields = (Map<String, Object>) rule;
            var expiration = map(fields, "expiration");
            for (var transition : list(fields, "transitions")) {
                @SuppressWarnings("unchecked")
                var t = (Map<String, Object>) transition;
                var storageClass = string(t, "storageClass");
                var days = ((Number) t.getOrDefault("days", 0)).intValue();
                refuse.unless(
                        List.of(
                                        "STANDARD_IA",
                                        "ONEZONE_IA",
                                        "INTELLIGENT_TIERING",
                                        "GLACIER_IR",
                                        "GLACIER",
                                        "DEEP_ARCHIVE")
                                .contains(storageClass),
                        "InvalidArgument: lifecycle transition storage class " + storageClass);
                refuse.unless(
                        !storageClass.endsWith("_IA") || days >= 30,
                        "InvalidArgument: 'Days' in Transition action must be greater than or equal to 30 for storageClass '"
                                + storageClass + "'");
                refuse.unless(
                        !(expiration.get("days") instanceof Number expiry) || days < expiry.intValue(),
                        "InvalidArgument: 'Days' in the Expiration action for filter must be greater than 'Days' in the Transition action");
            }
        }
    }

    /**
     * CloudWatch's own limits on a dashboard body: JSON with a widgets array of at most 500, each
     * metric graph of at most 500 metrics, none past the 24 columns.
     */
    private static void dashboardWidgets(Refuser refuse, String body) {
        try {
            var widgets = JSON.readTree(body).get("widgets");
            refuse.unless(
                    widgets != null && widgets.isArray() && widgets.size() <= 500,
                    "InvalidParameterInput: the dashboard body needs a widgets array of at most 500 widgets");
            for (var widget : widgets) {
                var metrics = widget.at("/properties/metrics");
                refuse.unless(
                        metrics.isMissingNode() || metrics.size() <= 500,
                        "InvalidParameterInput: a widget has more than 500 metrics");
                refuse.unless(
                        widget.path("width").asInt(6) + widget.path("x").asInt(0) <= 24,
                        "InvalidParameterInput: a widget reaches past the dashboard's 24 columns");
            }
        } catch (java.io.IOException e) {
            refuse.unless(false, "InvalidParameterInput: the dashboard body is not JSON");
        }
    }

    private static void json(Refuser refuse, String document, int maxChars, String error) {
        refuse.unless(!document.isEmpty(), error + ": empty policy document");
        refuse.unless(
                document.length() <= maxChars, error + ": " + document.length() + " characters, limit " + maxChars);
        try {
            JSON.readTree(document);
        } catch (JsonProcessingException e) {
            refuse.unless(false, error + ": not JSON: " + e.getOriginalMessage());
        }
    }

    private static String string(Map<String, Object> map, String key) {
        var value = map.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> map, String key) {
        return map.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> map, String key) {
        return map.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String digest(String seed, int length) {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uuid(String seed) {
        var hex = digest(seed, 32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private record Refuser(String type, String name) {
        void unless(boolean acceptable, String message) {
            if (!acceptable) {
                throw new AwsRefusal(type, name, message);
            }
        }

        void because(String message) {
            throw new AwsRefusal(type, name, message);
        }
    }
}
