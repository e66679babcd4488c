import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** CloudWatch Logs accepts only these retention periods (PutRetentionPolicy); anything else fails at deploy time. */
export const ALLOWED_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const cloudwatchLogGroupRetention: ResourceValidationPolicy = {
    name: "cloudwatch-log-group-retention",
    description: "CloudWatch log groups set a retention period, and one CloudWatch accepts.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.logGroup], (args, reportViolation) => {
        const days = args.props.retentionInDays;
        if (days === undefined || days === 0) {
            reportViolation(
                `Log group ${args.props.name ?? args.name} keeps logs forever. Fix: set retentionInDays to one of ${ALLOWED_RETENTION_DAYS.join(", ")}.`,
            );
        } else if (!ALLOWED_RETENTION_DAYS.includes(days)) {
            reportViolation(
                `Log group ${args.props.name ?? args.name}: CloudWatch does not accept a retention of ${days} days, the deployment would fail. Fix: use the next accepted period, ${ALLOWED_RETENTION_DAYS.find(d => d >= days) ?? 3653} (accepted: ${ALLOWED_RETENTION_DAYS.join(", ")}).`,
            );
        }
    }),
};
