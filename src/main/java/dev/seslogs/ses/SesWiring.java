package dev.seslogs.ses;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.ses.IdentityNotificationTopic;
import com.pulumi.aws.ses.IdentityNotificationTopicArgs;
import com.pulumi.aws.sesv2.ConfigurationSet;
import com.pulumi.aws.sesv2.ConfigurationSetArgs;
import com.pulumi.aws.sesv2.ConfigurationSetEventDestination;
import com.pulumi.aws.sesv2.ConfigurationSetEventDestinationArgs;
import com.pulumi.aws.sesv2.EmailIdentity;
import com.pulumi.aws.sesv2.EmailIdentityArgs;
import com.pulumi.aws.sesv2.EmailIdentityFeedbackAttributes;
import com.pulumi.aws.sesv2.EmailIdentityFeedbackAttributesArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetDeliveryOptionsArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetEventDestinationEventDestinationArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetEventDestinationEventDestinationKinesisFirehoseDestinationArgs;
import com.pulumi.aws.sesv2.inputs.ConfigurationSetReputationOptionsArgs;
import com.pulumi.aws.sesv2.inputs.EmailIdentityDkimSigningAttributesArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.PolicyDocument;
import dev.seslogs.config.SesIdentity;
import dev.seslogs.config.Settings;
import dev.seslogs.events.SesEventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private final Output<String> configurationSetName;
    private final Output<Map<String, List<Map<String, String>>>> dkimRecords;
    private final List<Output<Map.Entry<String, List<Map<String, String>>>>> dkimRecordsByDomain = new ArrayList<>();

    public SesWiring(String name, Settings settings, PhysicalNames names, AwsTarget target,
                     Output<String> eventStreamArn, Output<String> feedbackTopicArn,
                     ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var configurationSet = new ConfigurationSet("configuration-set", ConfigurationSetArgs.builder()
                .configurationSetName(names.configurationSet())
                .deliveryOptions(ConfigurationSetDeliveryOptionsArgs.builder().tlsPolicy("REQUIRE").build())
                .reputationOptions(ConfigurationSetReputationOptionsArgs.builder().reputationMetricsEnabled(true).build())
                .tags(settings.tags())
                .build(), child);

        var configurationSetArn = target.regionalArn("ses", Output.format("configuration-set/%s", names.configurationSet()));
        var role = new Role("ses-to-firehose-role", RoleArgs.builder()
                .name(names.sesToFirehoseRole())
                .description("Lets SES publish this configuration set's events to the event stream")
                .assumeRolePolicy(Output.tuple(target.accountId(), configurationSetArn)
                        .applyValue(t -> trustPolicy(t.t1, t.t2)))
                .tags(settings.tags())
                .build(), child);

        var rolePolicy = new RolePolicy("ses-to-firehose-policy", RolePolicyArgs.builder()
                .role(role.id())
                .name("put-ses-events")
                .policy(eventStreamArn.applyValue(SesWiring::putRecordsPolicy))
                .build(), child);

        new ConfigurationSetEventDestination("event-destination", ConfigurationSetEventDestinationArgs.builder()
                .configurationSetName(configurationSet.configurationSetName())
                .eventDestinationName(EVENT_DESTINATION_NAME)
                .eventDestination(ConfigurationSetEventDestinationEventDestinationArgs.builder()
                        .enabled(true)
                        .matchingEventTypes(settings.publishedEventTypes().stream().map(SesEventType::destinationValue).toList())
                        .kinesisFirehoseDestination(
                                ConfigurationSetEventDestinationEventDestinationKinesisFirehoseDestinationArgs.builder()
                                        .deliveryStreamArn(eventStreamArn)
                                        .iamRoleArn(role.arn())
                                        .build())
                        .build())
                .build(),
                // SES tests the role when the destination is created.
                CustomResourceOptions.builder().parent(this).dependsOn(rolePolicy).build());

        for (var identity : settings.identities()) {
            wireIdentity(identity, settings, configurationSet, feedbackTopicArn);
        }

        this.configurationSetName = configurationSet.configurationSetName();
        this.dkimRecords = Output.all(dkimRecordsByDomain).applyValue(entries -> {
            var byDomain = new TreeMap<String, List<Map<String, String>>>();
            entries.forEach(entry -> byDomain.put(entry.getKey(), entry.getValue()));
            return Map.copyOf(byDomain);
        });
        registerOutputs(Map.of("configurationSetName", configurationSetName, "dkimRecords", dkimRecords));
    }

    public Output<String> configurationSetName() {
        return configurationSetName;
    }

    /** DKIM CNAME records ({@code name, type, value}) per domain identity, for whoever runs the domain's DNS. */
    public Output<Map<String, List<Map<String, String>>>> dkimRecords() {
        return dkimRecords;
    }

    private void wireIdentity(SesIdentity identity, Settings settings, ConfigurationSet configurationSet,
                              Output<String> feedbackTopicArn) {
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
                .map(type -> new IdentityNotificationTopic(prefix + "-" + type.toLowerCase() + "-topic",
                        IdentityNotificationTopicArgs.builder()
                                .identity(emailIdentity.emailIdentity())
                                .notificationType(type)
                                .topicArn(feedbackTopicArn)
                                .includeOriginalHeaders(true)
                                .build(),
                        CustomResourceOptions.builder().parent(this).build()))
                .toList();

        // SES only lets forwarding be switched off while both topics are set.
        new EmailIdentityFeedbackAttributes(prefix + "-feedback-forwarding", EmailIdentityFeedbackAttributesArgs.builder()
                .emailIdentity(emailIdentity.emailIdentity())
                .emailForwardingEnabled(false)
                .build(),
                CustomResourceOptions.builder().parent(this).dependsOn(List.copyOf(topics)).build());

        if (identity.isDomain()) {
            dkimRecordsByDomain.add(emailIdentity.dkimSigningAttributes()
                    .applyValue(attributes -> Map.entry(identity.name(), dkimCnames(identity.name(), attributes.tokens()))));
        }
    }

    static List<Map<String, String>> dkimCnames(String domain, List<String> tokens) {
        return tokens.stream()
                .map(token -> Map.of(
                        "name", token + "._domainkey." + domain,
                        "type", "CNAME",
                        "value", token + ".dkim.amazonses.com"))
                .toList();
    }

    /** Only SES acting for this account and this configuration set may assume the role. */
    static String trustPolicy(String accountId, String configurationSetArn) {
        return PolicyDocument.of(
                PolicyDocument.allow("SesOfThisConfigurationSet")
                        .servicePrincipal("ses.amazonaws.com")
                        .actions("sts:AssumeRole")
                        .condition("StringEquals", "aws:SourceAccount", accountId)
                        .condition("StringEquals", "aws:SourceArn", configurationSetArn)
        ).toJson();
    }

    /** The article also granted logs:PutLogEvents here; SES never writes logs, so it is gone. */
    static String putRecordsPolicy(String eventStreamArn) {
        return PolicyDocument.of(
                PolicyDocument.allow("PutSesEventsOnTheStream")
                        .actions("firehose:PutRecord", "firehose:PutRecordBatch")
                        .resources(eventStreamArn)
        ).toJson();
    }
}
