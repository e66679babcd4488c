import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";

/** SES silently stops publishing (and turns e-mail forwarding back on) to a topic it cannot use. */
export const snsTopicUsableBySes: ResourceValidationPolicy = {
    name: "sns-topic-usable-by-ses",
    description: "SNS topics are standard (SES cannot publish to FIFO topics) and not encrypted with the AWS managed alias/aws/sns key, whose policy cannot admit SES.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== T.topic) {
            return;
        }
        if (args.props.fifoTopic === true) {
            reportViolation("SES cannot publish to a FIFO topic.");
        }
        if (args.props.kmsMasterKeyId === "alias/aws/sns") {
            reportViolation("The AWS managed key alias/aws/sns cannot be used by SES or CloudWatch: use a customer managed key.");
        }
    },
};
