import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { known, ofType, UNKNOWN } from "../../stack";
import { ALLOWED_RETENTION_DAYS } from "./cloudwatchLogGroupRetention";

/** The program's LogRetention.atLeast: the smallest period CloudWatch accepts that keeps logs at least `days`. */
export function atLeast(days: number): number {
    return ALLOWED_RETENTION_DAYS.find(allowed => allowed >= days) ?? ALLOWED_RETENTION_DAYS[ALLOWED_RETENTION_DAYS.length - 1];
}

/**
 * Firehose's error log names the records it could not deliver, with their content: kept one day,
 * nobody can trace a gap in the table; kept forever, it outlives the logs it is about. Same bounds
 * as the bucket's by default; CloudWatch accepts only its fixed periods, so the upper bound is the
 * next accepted one (540 allows 545, as the program rounds up).
 */
export const cloudwatchFirehoseLogGroupRetention: StackValidationPolicy = {
    name: "cloudwatch-firehose-log-group-retention",
    description:
        "The log groups the stack's Firehose streams log delivery errors to keep them within the retention bounds (default 35-540 days, the bucket's; the upper bound rounds up to the next period CloudWatch accepts).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minRetentionDays: { type: "integer", default: 35, minimum: 1 },
            maxRetentionDays: { type: "integer", default: 540, minimum: 1 },
        },
    },
    validateStack: (args, reportViolation) => {
        const { minRetentionDays = 35, maxRetentionDays = 540 } = args.getConfig<{
            minRetentionDays?: number;
            maxRetentionDays?: number;
        }>();
        const streams = ofType(args.resources, T.firehose);
        for (const group of ofType(args.resources, T.logGroup)) {
            const name = known(() => group.props.name);
            const logsHere = streams.some(stream => {
                const options = known(() => stream.props.extendedS3Configuration?.cloudwatchLoggingOptions);
                const target = options === UNKNOWN ? UNKNOWN : known(() => options?.logGroupName);
                return typeof target === "string"
                    ? target === name
                    : (stream.propertyDependencies?.extendedS3Configuration ?? []).some(r => r.urn === group.urn);
            });
            const days = known(() => group.props.retentionInDays);
            if (!logsHere || days === UNKNOWN) {
                continue;
            }
            const upper = atLeast(maxRetentionDays);
            if (days === undefined || days === 0 || days < minRetentionDays || days > upper) {
                reportViolation(
                    `Log group ${group.name} (${String(name)}) holds Firehose's delivery errors for ${days ? `${days} days` : "ever"}; allowed ${minRetentionDays}-${upper} days. Fix: set retentionInDays to a period CloudWatch accepts within the bounds (${ALLOWED_RETENTION_DAYS.filter(d => d >= minRetentionDays && d <= upper).join(", ")}).`,
                    group.urn,
                );
            }
        }
    },
};
