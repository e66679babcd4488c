import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";

/** CloudWatch Logs accepts only these retention periods (PutRetentionPolicy); anything else fails at deploy time. */
export const ALLOWED_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const cloudwatchLogGroupRetention: ResourceValidationPolicy = {
    name: "cloudwatch-log-group-retention",
    description: "CloudWatch log groups set a retention period, and one CloudWatch accepts.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== T.logGroup) {
            return;
        }
        const days = args.props.retentionInDays;
        if (days === undefined || days === 0) {
            reportViolation("The log group keeps logs forever: set retentionInDays.");
        } else if (!ALLOWED_RETENTION_DAYS.includes(days)) {
            reportViolation(`CloudWatch does not accept a retention of ${days} days; allowed: ${ALLOWED_RETENTION_DAYS.join(", ")}.`);
        }
    },
};
