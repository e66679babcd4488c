package dev.seslogs.ses;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.aws.ses.IdentityNotificationTopic;
import com.pulumi.aws.ses.IdentityNotificationTopicArgs;
import com.pulumi.aws.sesv2.AccountVdmAttributes;
import com.pulumi.aws.sesv2.AccountVdmAttributesArgs;
import com.pulumi.aws.sesv2.ConfigurationSet;
import com.pulumi.aws.sesv2.ConfigurationSetArgs;
import com.pulumi.aws.sesv2.ConfigurationSetEventDestination;
import com.pulumi.aws.sesv2.ConfigurationSetEventDestinationArgs;
import com.pulumi.aws.sesv2.EmailIdentity;
import com.pulumi.aws.sesv2.EmailIdentityArgs;
import com.pulumi.aws.sesv2.EmailIdentityFeedbackAttributes;
import com.pulumi.aws.sesv2.EmailIdentityFeedbackAttributesArgs;
import com.pulumi.aws.sesv2.EmailIdentityMailFromAttributes;
import com.pulumi.aws.sesv2.EmailIdentityMailFromAttributesArgs;
import com.pulumi.aws.sesv2.inputs.AccountVdmAttributesDashboardAttributesArgs;
import com.pulumi.aws.sesv2.inputs.AccountVdmAttributesGuardianAttributesArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetDeliveryOptionsArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetEventDestinationEventDestinationArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetEventDestinationEventDestinationEventBridgeDestinationArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetEventDestinationEventDestinationKinesisFirehoseDestinationArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetReputationOptionsArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetSuppressionOptionsArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetVdmOptionsArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetVdmOptionsDashboardOptionsArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetVdmOptionsGuardianOptionsArgs;
import com.pulumi.aws.sesv2.inputs.EmailIdentityDkimSigningAttributesArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.PolicyDocument;
import dev.seslogs.config.SesIdentity;
import dev.seslogs.events.SesEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SES side: the configuration set that publishes events to the stream, and every sending
 * identity wired to it. This is where the article's two manual console steps happen: each
 * identity's default configuration set, and its bounce and complaint feedback topics.
 */
public final class SesWiring extends ComponentResource {
    public static final String TYPE = "ses-logs:index:SesWiring";
    public static final String EVENT_DESTINATION_NAME = "to-event-stream";

    /** SESv2 feedback notification types: SES sends these to the identity's topics. */
    public static final List<String> FEEDBACK_NOTIFICATION_TYPES = List.of("Bounce", "Complaint");

    /** Easy DKIM: SES gives every domain identity three CNAME tokens. */
    static final int DKIM_TOKENS = 3;
    /** A TTL short enough to fix a wrong record quickly, long enough not to matter for lookups. */
    public static final int DNS_TTL_SECONDS = 1800;
    /** SES accepts events on the default bus only. */
    public static final String READABLE_EVENTS_DESTINATION_NAME = "to-eventbridge";

    private final Output<String> configurationSetName;
    private final Output<Map<String, List<Map<String, String>>>> dnsRecords;
    private final List<Output<Map.Entry<String, List<Map<String, String>>>>> dnsRecordsByDomain = new ArrayList<>();
    private final Output<String> region;

    private static final String ENABLED = "ENABLED";

    /**
     * @param tags                         tags of the configuration set, identities and role
     * @param identities                   the identities wired to the configuration set and the feedback topic
     * @param publishedEventTypes          the event types the configuration set publishes to the stream
     * @param suppressBouncesAndComplaints the configuration set stops sending to addresses that bounced or complained
     * @param deliverabilityInsights       Virtual Deliverability Manager on for the account and the configuration set
     * @param mailFromSubdomain            custom MAIL FROM subdomain of every created domain identity (empty: SES's own)
     * @param hostedZones                  Route 53 hosted zone id by domain: the records of identities under it are created there
     * @param dmarcPolicy                  DMARC policy to publish for domain identities (empty: none)
     */
    public record Args(
            Map<String, String> tags,
            List<SesIdentity> identities,
            List<SesEventType> publishedEventTypes,
            boolean suppressBouncesAndComplaints,
            boolean deliverabilityInsights,
            Optional<String> mailFromSubdomain,
            Map<String, String> hostedZones,
            Optional<String> dmarcPolicy) {
        public Args {
            tags = Map.copyOf(tags);
            identities = List.copyOf(identities);
            publishedEventTypes = List.copyOf(publishedEventTypes);
            hostedZones = Map.copyOf(hostedZones);
        }
    }

    public SesWiring(
            String name,
            Args settings,
            PhysicalNames names,
            AwsTarget target,
            Output<String> eventStreamArn,
            Output<String> feedbackTopicArn,
            ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.region = target.region();

        var configurationSetArgs = ConfigurationSetArgs.builder()
                .configurationSetName(names.configurationSet())
                .deliveryOptions(ConfigurationSetDeliveryOptionsArgs.builder()
                        .tlsPolicy("REQUIRE")
                        .build())
                .reputationOptions(ConfigurationSetReputationOptionsArgs.builder()
                        .reputationMetricsEnabled(true)
                        .build())
                .tags(settings.tags());
        if (settings.suppressBouncesAndComplaints()) {
            // Sending again to an address that bounced or complained is what raises the rates AWS
            // reviews; SES drops such sends and reports them instead.
            configurationSetArgs.suppressionOptions(ConfigurationSetSuppressionOptionsArgs.builder()
                    .suppressedReasons("BOUNCE", "COMPLAINT")
                    .build());
        }
        var configurationSetOptions = child;
        if (settings.deliverabilityInsights()) {
            // Virtual Deliverability Manager: per-mailbox-provider engagement in the SES console,
            // and SES choosing the shared IPs by the recipients' provider. The account switch must
            // be on for the configuration set's options to mean anything. It is one switch per
            // account and region, shared with every other stack and tool there, and the provider's
            // Delete turns VDM off for all of them: retained, so that `pulumi destroy` or
            // `deliverabilityInsights: false` only stops this stack managing it. Several stacks
            // may manage it at once: each sets the same values, and none ever switches it off.
            var account = new AccountVdmAttributes(
                    "deliverability-insights",
                    AccountVdmAttributesArgs.builder()
                            .vdmEnabled(ENABLED)
                            .dashboardAttributes(AccountVdmAttributesDashboardAttributesArgs.builder()
                                    .engagementMetrics(ENABLED)
                                    .build())
                            .guardianAttributes(AccountVdmAttributesGuardianAttributesArgs.builder()
                                    .optimizedSharedDelivery(ENABLED)
                                    .build())
                            .build(),
                    CustomResourceOptions.builder()
                            .parent(this)
                            .retainOnDelete(true)
                            .build());
            configurationSetArgs.vdmOptions(ConfigurationSetVdmOptionsArgs.builder()
                    .dashboardOptions(ConfigurationSetVdmOptionsDashboardOptionsArgs.builder()
                            .engagementMetrics(ENABLED)
                            .build())
                    .guardianOptions(ConfigurationSetVdmOptionsGuardianOptionsArgs.builder()
                            .optimizedSharedDelivery(ENABLED)
                            .build())
                    .build());
            configurationSetOptions = CustomResourceOptions.builder()
                    .parent(this)
                    .dependsOn(account)
                    .build();
        }
        var configurationSet =
                new ConfigurationSet("configuration-set", configurationSetArgs.build(), configurationSetOptions);

        var configurationSetArn =
                target.regionalArn("ses", Output.format("configuration-set/%s", names.configurationSet()));
        var role = new Role(
                "ses-to-firehose-role",
                RoleArgs.builder()
                        .name(names.sesToFirehoseRole())
                        .description("Lets SES publish this configuration set's events to the event stream")
                        .assumeRolePolicy(Output.tuple(target.accountId(), configurationSetArn)
                                .applyValue(t -> trustPolicy(t.t1, t.t2)))
                        .tags(settings.tags())
                        .build(),
                child);

        var rolePolicy = new RolePolicy(
                "ses-to-firehose-policy",
                RolePolicyArgs.builder()
                        .role(role.id())
                        .name("put-ses-events")
                        // The stream's ARN from its name: known during a preview, so the pack checks it then.
                        .policy(target.regionalArn("firehose", Output.format("deliverystream/%s", names.eventStream()))
                                .applyValue(SesWiring::putRecordsPolicy))
                        .build(),
                child);

        new ConfigurationSetEventDestination(
                "event-destination",
                ConfigurationSetEventDestinationArgs.builder()
                        .configurationSetName(configurationSet.configurationSetName())
                        .eventDestinationName(EVENT_DESTINATION_NAME)
                        .eventDestination(ConfigurationSetEventDestinationEventDestinationArgs.builder()
                                .enabled(true)
                                .matchingEventTypes(settings.publishedEventTypes().stream()
                                        .map(SesEventType::destinationValue)
                                        .toList())
                                .kinesisFirehoseDestination(
                                        ConfigurationSetEventDestinationEventDestinationKinesisFirehoseDestinationArgs
                                                .builder()
                                                .deliveryStreamArn(eventStreamArn)
                                                .iamRoleArn(role.arn())
                                                .build())
                                .build())
                        .build(),
                // SES tests the role when the destination is created.
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(rolePolicy)
                        .build());

        // The readable path for people: bounces and complaints to EventBridge, which rewrites them (Notifications).
        new ConfigurationSetEventDestination(
                "readable-events-destination",
                ConfigurationSetEventDestinationArgs.builder()
                        .configurationSetName(configurationSet.configurationSetName())
                        .eventDestinationName(READABLE_EVENTS_DESTINATION_NAME)
                        .eventDestination(ConfigurationSetEventDestinationEventDestinationArgs.builder()
                                .enabled(true)
                                .matchingEventTypes(
                                        SesEventType.BOUNCE.destinationValue(),
                                        SesEventType.COMPLAINT.destinationValue())
                                .eventBridgeDestination(
                                        ConfigurationSetEventDestinationEventDestinationEventBridgeDestinationArgs
                                                .builder()
                                                .eventBusArn(
                                                        target.regionalArn("events", Output.of("event-bus/default")))
                                                .build())
                                .build())
                        .build(),
                child);

        for (var identity : settings.identities()) {
            wireIdentity(identity, settings, configurationSet, feedbackTopicArn);
        }

        this.configurationSetName = configurationSet.configurationSetName();
        this.dnsRecords = Output.all(dnsRecordsByDomain).applyValue(entries -> {
            var byDomain = new TreeMap<String, List<Map<String, String>>>();
            entries.forEach(entry -> byDomain.put(entry.getKey(), entry.getValue()));
            return Map.copyOf(byDomain);
        });
        registerOutputs(Map.of("configurationSetName", configurationSetName, "dnsRecords", dnsRecords));
    }

    public Output<String> configurationSetName() {
        return configurationSetName;
    }

    /**
     * Per domain identity, the DNS records it needs ({@code name, type, value}, and {@code zone}
     * where this stack creates the record in Route 53): DKIM, custom MAIL FROM, DMARC.
     */
    public Output<Map<String, List<Map<String, String>>>> dnsRecords() {
        return dnsRecords;
    }

    private void wireIdentity(
            SesIdentity identity, Args settings, ConfigurationSet configurationSet, Output<String> feedbackTopicArn) {
        var prefix = "identity-" + identity.resourceSuffix();
        var args = EmailIdentityArgs.builder()
                .emailIdentity(identity.name())
                .configurationSetName(configurationSet.configurationSetName())
                .tags(settings.tags());
        // An adopted identity keeps the DKIM setup it has: changing the key length of a domain
        // that already signs mail would start a key rotation nobody asked for.
        if (identity.isDomain() && !identity.existing()) {
            args.dkimSigningAttributes(EmailIdentityDkimSigningAttributesArgs.builder()
                    .nextSigningKeyLength("RSA_2048_BIT")
                    .build());
        }
        var options = CustomResourceOptions.builder().parent(this);
        if (identity.existing()) {
            // Adopted, not created: `pulumi destroy` and removal from config leave it in SES.
            options.importId(identity.name()).retainOnDelete(true);
        }
        var emailIdentity = new EmailIdentity(prefix, args.build(), options.build());

        var topics = FEEDBACK_NOTIFICATION_TYPES.stream()
                .map(type -> new IdentityNotificationTopic(
                        prefix + "-" + type.toLowerCase() + "-topic",
                        IdentityNotificationTopicArgs.builder()
                                .identity(emailIdentity.emailIdentity())
                                .notificationType(type)
                                .topicArn(feedbackTopicArn)
                                .includeOriginalHeaders(true)
                                .build(),
                        CustomResourceOptions.builder().parent(this).build()))
                .toList();

        // SES only lets forwarding be switched off while both topics are set.
        new EmailIdentityFeedbackAttributes(
                prefix + "-feedback-forwarding",
                EmailIdentityFeedbackAttributesArgs.builder()
                        .emailIdentity(emailIdentity.emailIdentity())
                        .emailForwardingEnabled(false)
                        .build(),
                CustomResourceOptions.builder()
                        .parent(this)
                        .dependsOn(List.copyOf(topics))
                        .build());

        if (!identity.isDomain()) {
            return;
        }
        // An adopted domain keeps its MAIL FROM and DNS as they are; they are its owner's.
        var mailFrom = identity.existing()
                ? Optional.<String>empty()
                : settings.mailFromSubdomain().map(sub -> sub + "." + identity.name());
        mailFrom.ifPresent(domain -> new EmailIdentityMailFromAttributes(
                prefix + "-mail-from",
                EmailIdentityMailFromAttributesArgs.builder()
                        .emailIdentity(emailIdentity.emailIdentity())
                        .mailFromDomain(domain)
                        // Until the MX record resolves, SES keeps using its own MAIL FROM instead of failing sends.
                        .behaviorOnMxFailure("USE_DEFAULT_VALUE")
                        .build(),
                CustomResourceOptions.builder().parent(this).build()));
        var zone =
                identity.existing() ? Optional.<String>empty() : hostedZoneFor(identity.name(), settings.hostedZones());
        var records = Output.tuple(emailIdentity.dkimSigningAttributes(), region)
                .applyValue(t ->
                        dnsRecordsFor(identity.name(), t.t1.tokens(), mailFrom, settings.dmarcPolicy(), t.t2, zone));
        dnsRecordsByDomain.add(records.applyValue(list -> Map.entry(identity.name(), list)));
        // Records are declared one by one with stable names. DKIM always has three tokens, which
        // SES computes; MAIL FROM and DMARC follow from the settings alone, so they are known
        // before the identity exists (and do not wait for its tokens).
        zone.ifPresent(zoneId -> {
            var fromSettings = region.applyValue(
                    r -> dnsRecordsFor(identity.name(), List.of(), mailFrom, settings.dmarcPolicy(), r, zone));
            // How many: the same list without the region, which only changes the MX value.
            var count = DKIM_TOKENS
                    + dnsRecordsFor(identity.name(), List.of(), mailFrom, settings.dmarcPolicy(), "", zone)
                            .size();
            for (var i = 0; i < count; i++) {
                var index = i;
                Output<Map<String, String>> record = i < DKIM_TOKENS
                        ? records.applyValue(list -> list.get(index))
                        : fromSettings.applyValue(list -> list.get(index - DKIM_TOKENS));
                new Record(
                        prefix + "-dns-" + recordLabel(i, mailFrom.isPresent()),
                        RecordArgs.builder()
                                .zoneId(zoneId)
                                .name(record.applyValue(r -> r.get("name")))
                                .type(record.applyValue(r -> Either.<String, RecordType>ofLeft(r.get("type"))))
                                .ttl(DNS_TTL_SECONDS)
                                .records(record.applyValue(r -> List.of(providerValue(r))))
                                .build(),
                        CustomResourceOptions.builder().parent(this).build());
            }
        });
    }

    private static String recordLabel(int index, boolean mailFrom) {
        if (index < 3) {
            return "dkim-" + (index + 1);
        }
        if (mailFrom && index == 3) {
            return "mail-from-mx";
        }
        if (mailFrom && index == 4) {
            return "mail-from-spf";
        }
        return "dmarc";
    }

    /** The hosted zone of the most specific configured domain that the identity is, or is under. */
    static Optional<String> hostedZoneFor(String domain, Map<String, String> hostedZones) {
        return hostedZones.entrySet().stream()
                .filter(zone -> domain.equals(zone.getKey()) || domain.endsWith("." + zone.getKey()))
                .max(java.util.Comparator.comparingInt(zone -> zone.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** DKIM CNAMEs, MAIL FROM MX and SPF, DMARC: in the order {@link #recordLabel} names them. */
    static List<Map<String, String>> dnsRecordsFor(
            String domain,
            List<String> dkimTokens,
            Optional<String> mailFromDomain,
            Optional<String> dmarcPolicy,
            String region,
            Optional<String> zone) {
        var records = new ArrayList<Map<String, String>>();
        dkimTokens.forEach(token ->
                records.add(dnsRecord(token + "._domainkey." + domain, "CNAME", token + ".dkim.amazonses.com", zone)));
        mailFromDomain.ifPresent(mailFrom -> {
            records.add(dnsRecord(mailFrom, "MX", "10 feedback-smtp." + region + ".amazonses.com", zone));
            records.add(dnsRecord(mailFrom, "TXT", zoneFileText("v=spf1 include:amazonses.com ~all"), zone));
        });
        dmarcPolicy.ifPresent(policy ->
                records.add(dnsRecord("_dmarc." + domain, "TXT", zoneFileText("v=DMARC1; p=" + policy), zone)));
        return List.copyOf(records);
    }

    /** A TXT value as a zone file and the {@code dnsRecords} output write it: in quotes. */
    static String zoneFileText(String text) {
        return "\"" + text + "\"";
    }

    /**
     * The value to give the provider for a record: TXT without its zone-file quotes, because the
     * provider quotes every TXT value itself (terraform-provider-aws route53 record.go), and a
     * quoted value reaches Route 53 quoted twice, which it refuses.
     */
    static String providerValue(Map<String, String> record) {
        var value = record.get("value");
        return record.get("type").equals("TXT") ? value.substring(1, value.length() - 1) : value;
    }

    private static Map<String, String> dnsRecord(String name, String type, String value, Optional<String> zone) {
        var record = new java.util.LinkedHashMap<String, String>();
        record.put("name", name);
        record.put("type", type);
        record.put("value", value);
        zone.ifPresent(id -> record.put("zone", id));
        return java.util.Collections.unmodifiableMap(record);
    }

    /** Only SES acting for this account and this configuration set may assume the role. */
    static String trustPolicy(String accountId, String configurationSetArn) {
        return PolicyDocument.of(PolicyDocument.allow("SesOfThisConfigurationSet")
                        .servicePrincipal("ses.amazonaws.com")
                        .actions("sts:AssumeRole")
                        .condition("StringEquals", "aws:SourceAccount", accountId)
                        .condition("StringEquals", "aws:SourceArn", configurationSetArn))
                .toJson();
    }

    /** The article also granted logs:PutLogEvents here; SES never writes logs, so it is gone. */
    static String putRecordsPolicy(String eventStreamArn) {
        return PolicyDocument.of(PolicyDocument.allow("PutSesEventsOnTheStream")
                        .actions("firehose:PutRecord", "firehose:PutRecordBatch")
                        .resources(eventStreamArn))
                .toJson();
    }
}
