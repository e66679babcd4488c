import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/**
 * cdk-nag AwsSolutions-SNS2. Advisory: SES can publish to an encrypted topic only with a customer
 * managed key (the AWS managed alias/aws/sns refuses it), which is ses-logs' customerManagedKey
 * option (about 1 USD a month per key); make it mandatory with --policy-pack-config where required.
 */
export const snsTopicEncrypted: ResourceValidationPolicy = {
    name: "sns-topic-encrypted",
    description: "SNS topics are encrypted at rest with a KMS key (kmsMasterKeyId).",
    enforcementLevel: "advisory",
    validateResource: forTypes([T.topic], (args, reportViolation) => {
        if (!args.props.kmsMasterKeyId) {
            reportViolation(
                `Topic ${args.props.name ?? args.name} is not encrypted at rest. Fix: set ses-logs:customerManagedKey (SES needs a customer managed key).`,
            );
        }
    }),
};
