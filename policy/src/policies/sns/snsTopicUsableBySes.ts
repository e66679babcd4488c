import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** SES silently stops publishing (and turns e-mail forwarding back on) to a topic it cannot use. */
export const snsTopicUsableBySes: ResourceValidationPolicy = {
    name: "sns-topic-usable-by-ses",
    description:
        "SNS topics are standard (SES cannot publish to FIFO topics) and not encrypted with the AWS managed alias/aws/sns key, whose policy cannot admit SES.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.topic], (args, reportViolation) => {
        if (args.props.fifoTopic === true) {
            reportViolation(
                `Topic ${args.props.name ?? args.name} is FIFO: SES cannot publish to it. Fix: set fifoTopic = false (a standard topic).`,
            );
        }
        if (args.props.kmsMasterKeyId === "alias/aws/sns") {
            reportViolation(
                `Topic ${args.props.name ?? args.name} uses the AWS managed key alias/aws/sns, which SES and CloudWatch cannot use. Fix: use a customer managed key (ses-logs:customerManagedKey), or none.`,
            );
        }
    }),
};
