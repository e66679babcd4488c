package dev.seslogs.notify;

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
import dev.seslogs.config.Settings;

import java.util.Locale;
import java.util.Map;

/**
 * The SNS topic SES sends bounce and complaint feedback to, and the people subscribed to it.
 * The article created the topic and left its policy and subscriptions to the console.
 */
public final class Notifications extends ComponentResource {
    public static final String TYPE = "ses-logs:index:Notifications";

    private final Output<String> feedbackTopicArn;

    public Notifications(String name, Settings settings, PhysicalNames names, AwsTarget target,
                         ComponentResourceOptions options) {
        super(TYPE, name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        // Feedback topics must be standard topics in the identities' region; SES cannot publish
        // to FIFO topics.
        var topic = new Topic("feedback-topic", TopicArgs.builder()
                .name(names.feedbackTopic())
                .displayName("SES feedback")
                .fifoTopic(false)
                .tags(settings.tags())
                .build(), child);

        var sesIdentities = target.regionalArn("ses", Output.of("identity/*"));
        new TopicPolicy("feedback-topic-policy", TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(Output.tuple(topic.arn(), target.accountId(), sesIdentities)
                        .applyValue(t -> sesPublishPolicy(t.t1, t.t2, t.t3)))
                .build(), child);

        for (var email : settings.notificationEmails()) {
            new TopicSubscription("feedback-email-" + email.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                    TopicSubscriptionArgs.builder()
                            .topic(topic.arn())
                            .protocol("email")
                            .endpoint(email)
                            .build(), child);
        }

        this.feedbackTopicArn = topic.arn();
        registerOutputs(Map.of("feedbackTopicArn", feedbackTopicArn));
    }

    public Output<String> feedbackTopicArn() {
        return feedbackTopicArn;
    }

    /**
     * SES publishes feedback as the service principal; the conditions keep other accounts' SES
     * identities (the confused deputy) from publishing here.
     */
    static String sesPublishPolicy(String topicArn, String accountId, String identityArnPattern) {
        return PolicyDocument.of(
                PolicyDocument.allow("SesFeedbackOfThisAccount")
                        .servicePrincipal("ses.amazonaws.com")
                        .actions("sns:Publish")
                        .resources(topicArn)
                        .condition("StringEquals", "aws:SourceAccount", accountId)
                        .condition("ArnLike", "aws:SourceArn", identityArnPattern)
        ).toJson();
    }
}
