package dev.seslogs.notify;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetInputTransformerArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.seslogs.aws.AwsTarget;
import dev.seslogs.aws.PhysicalNames;
import dev.seslogs.aws.PolicyDocument;
import dev.seslogs.aws.StableJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two topics. The feedback topic gets SES's raw bounce and complaint notifications, for
 * machines (the article's topic). The alerts topic is for people: every alarm, and each bounce
 * and complaint rewritten by EventBridge into a sentence naming the recipient, sender, subject,
 * bounce type and the receiving server's diagnostic; the addresses in notificationEmails
 * subscribe to it. No code of ours runs: EventBridge's input transformer does the rewriting.
 */
public final class Notifications extends ComponentResource {
    public static final String TYPE = "ses-logs:index:Notifications";

    /** A readable notification: which SES events it matches, the fields it reads, the sentence it writes. */
    public record ReadableEvent(
            String ruleSuffix, String detailType, Map<String, String> inputPaths, String template) {}

    /** SES's EventBridge detail is the same event record the stream archives; paths are EventBridge JSONPath. */
    public static final List<ReadableEvent> READABLE_EVENTS = List.of(
            new ReadableEvent(
                    "bounces-to-people",
                    "Email Bounced",
                    Map.of(
                            "recipient", "$.detail.bounce.bouncedRecipients[0].emailAddress",
                            "diagnostic", "$.detail.bounce.bouncedRecipients[0].diagnosticCode",
                            "bounceType", "$.detail.bounce.bounceType",
                            "bounceSubType", "$.detail.bounce.bounceSubType",
                            "sender", "$.detail.mail.source",
                            "subject", "$.detail.mail.commonHeaders.subject",
                            "timestamp", "$.detail.bounce.timestamp",
                            "messageId", "$.detail.mail.messageId"),
                    "\"SES bounce (<bounceType>/<bounceSubType>): mail from <sender> to <recipient> was not delivered.\\n"
                            + "Subject: <subject>\\nReceiving server said: <diagnostic>\\nWhen: <timestamp>, message id <messageId>\\n"
                            + "A Permanent bounce usually means a mistyped or closed address: tell the sender and remove it.\""),
            new ReadableEvent(
                    "complaints-to-people",
                    "Email Complaint Received",
                    Map.of(
                            "recipient", "$.detail.complaint.complainedRecipients[0].emailAddress",
                            "feedbackType", "$.detail.complaint.complaintFeedbackType",
                            "userAgent", "$.detail.complaint.userAgent",
                            "sender", "$.detail.mail.source",
                            "subject", "$.detail.mail.commonHeaders.subject",
                            "timestamp", "$.detail.complaint.timestamp",
                            "messageId", "$.detail.mail.messageId"),
                    "\"SES complaint (<feedbackType>): <recipient> marked mail from <sender> as spam.\\n"
                            + "Subject: <subject>\\nReported via: <userAgent>\\nWhen: <timestamp>, message id <messageId>\\n"
                            + "Stop sending to this address and check why it received this mail.\""));

    private final Output<String> alertsTopicArn;
    private final Optional<Output<String>> feedbackTopicArn;

    /**
     * @param tags               tags of the topics and rules
     * @param notificationEmails addresses subscribed to the alerts topic
     * @param sendsMail          the stack sends mail: a feedback topic for SES, and readable bounces and complaints
     */
    public record Args(Map<String, String> tags, List<String> notificationEmails, boolean sendsMail) {
        public Args {
            tags = Map.copyOf(tags);
            notificationEmails = List.copyOf(notificationEmails);
        }
    }

    public Notifications(
            String name,
            Args settings,
            PhysicalNames names,
            AwsTarget target,
            Optional<Output<String>> dataKeyArn,
            ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var alerts =
                new Topic("alerts-topic", topicArgs(names.alertsTopic(), "SES alerts", settings, dataKeyArn), child);
        new TopicPolicy(
                "alerts-topic-policy",
                TopicPolicyArgs.builder()
                        .arn(alerts.arn())
                        // The ARN AWS assigns, computed from the name: known during a preview, so the policy
                        // pack checks the document then instead of waiting for `pulumi up`.
                        .policy(Output.tuple(
                                        target.regionalArn("sns", names.alertsTopic()),
                                        target.accountId(),
                                        target.regionalArn(
                                                "cloudwatch", Output.of("alarm:" + names.operationsPrefix() + "*")),
                                        target.regionalArn(
                                                "events", Output.of("rule/" + names.operationsPrefix() + "*")))
                                .applyValue(t -> alertsPolicy(t.t1, t.t2, t.t3, t.t4)))
                        .build(),
                child);
        for (var email : settings.notificationEmails()) {
            new TopicSubscription(
                    "alerts-email-" + email.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                    TopicSubscriptionArgs.builder()
                            .topic(alerts.arn())
                            .protocol("email")
                            .endpoint(email)
                            .build(),
                    child);
        }
        this.alertsTopicArn = alerts.arn();

        if (settings.sendsMail()) {
            // Feedback topics must be standard topics in the identities' region.
            var feedback = new Topic(
                    "feedback-topic", topicArgs(names.feedbackTopic(), "SES feedback", settings, dataKeyArn), child);
            new TopicPolicy(
                    "feedback-topic-policy",
                    TopicPolicyArgs.builder()
                            .arn(feedback.arn())
                            .policy(Output.tuple(
                                            target.regionalArn("sns", names.feedbackTopic()),
                                            target.accountId(),
                                            target.regionalArn("ses", Output.of("identity/*")))
                                    .applyValue(t -> sesPublishPolicy(t.t1, t.t2, t.t3)))
                            .build(),
                    child);
            this.feedbackTopicArn = Optional.of(feedback.arn());

            for (var event : READABLE_EVENTS) {
                var rule = new EventRule(
                        event.ruleSuffix(),
                        EventRuleArgs.builder()
                                .name(Output.format("%s%s", names.operationsPrefix(), event.ruleSuffix()))
                                .description("SES " + event.detailType()
                                        + " events of the ses-logs configuration set, as a sentence for people")
                                .eventPattern(names.configurationSet()
                                        .applyValue(set -> sesEventPattern(event.detailType(), set)))
                                .tags(settings.tags())
                                .build(),
                        child);
                new EventTarget(
                        event.ruleSuffix() + "-target",
                        EventTargetArgs.builder()
                                .rule(rule.name())
                                .arn(alerts.arn())
                                .inputTransformer(EventTargetInputTransformerArgs.builder()
                                        .inputPaths(event.inputPaths())
                                        .inputTemplate(event.template())
                                        .build())
                                .build(),
                        child);
            }
        } else {
            this.feedbackTopicArn = Optional.empty();
        }

        registerOutputs(Map.of("alertsTopicArn", alertsTopicArn));
    }

    public Output<String> alertsTopicArn() {
        return alertsTopicArn;
    }

    /** The topic SES sends raw feedback to; only stacks that send mail have it. */
    public Output<String> feedbackTopicArn() {
        return feedbackTopicArn.orElseThrow(() -> new IllegalStateException("an archive stack has no feedback topic"));
    }

    private static TopicArgs topicArgs(
            Output<String> name, String displayName, Args settings, Optional<Output<String>> dataKeyArn) {
        var args = TopicArgs.builder()
                .name(name)
                .displayName(displayName)
                .fifoTopic(false)
                .tags(settings.tags());
        // SES and CloudWatch can publish to an encrypted topic only with a customer managed key.
        dataKeyArn.ifPresent(args::kmsMasterKeyId);
        return args.build();
    }

    /** Only this configuration set's events of one type: another set's events are not ours to announce. */
    static String sesEventPattern(String detailType, String configurationSetName) {
        var pattern = Map.of(
                "source", List.of("aws.ses"),
                "detail-type", List.of(detailType),
                "detail",
                        Map.of("mail", Map.of("tags", Map.of("ses:configuration-set", List.of(configurationSetName)))));
        return StableJson.toJson(pattern);
    }

    /**
     * SES publishes feedback as the service principal; the conditions keep other accounts' SES
     * identities (the confused deputy) from publishing here.
     */
    static String sesPublishPolicy(String topicArn, String accountId, String identityArnPattern) {
        return PolicyDocument.of(
                        publishFrom(
                                "SesFeedbackOfThisAccount",
                                "ses.amazonaws.com",
                                topicArn,
                                accountId,
                                identityArnPattern),
                        denyWithoutTls(topicArn))
                .toJson();
    }

    /** This stack's alarms and EventBridge rules, and nothing else, may publish alerts. */
    static String alertsPolicy(String topicArn, String accountId, String alarmArnPattern, String ruleArnPattern) {
        return PolicyDocument.of(
                        publishFrom(
                                "AlarmsOfThisStack", "cloudwatch.amazonaws.com", topicArn, accountId, alarmArnPattern),
                        publishFrom(
                                "EventRulesOfThisStack", "events.amazonaws.com", topicArn, accountId, ruleArnPattern),
                        denyWithoutTls(topicArn))
                .toJson();
    }

    /**
     * Bounce notices carry recipients' addresses: nobody publishes or subscribes over plain HTTP
     * (cdk-nag AwsSolutions-SNS3). The AWS services that publish here always use TLS. Only actions
     * of the Service Authorization Reference: the {@code sns:Receive} of old default topic
     * policies is none, and a Deny of it matches no request.
     */
    private static PolicyDocument.Statement denyWithoutTls(String topicArn) {
        return PolicyDocument.deny("DenyInsecureTransport")
                .anyPrincipal()
                .actions("sns:Publish", "sns:Subscribe")
                .resources(topicArn)
                .condition("Bool", "aws:SecureTransport", "false");
    }

    /** A service may publish to the topic, acting for this account's resources matching {@code sourceArnPattern} only. */
    private static PolicyDocument.Statement publishFrom(
            String sid, String service, String topicArn, String accountId, String sourceArnPattern) {
        return PolicyDocument.allow(sid)
                .servicePrincipal(service)
                .actions("sns:Publish")
                .resources(topicArn)
                .condition("StringEquals", "aws:SourceAccount", accountId)
                .condition("ArnLike", "aws:SourceArn", sourceArnPattern);
    }
}
