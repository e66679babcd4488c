import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { buckets, configuresBucket, lifecycleRules, ofType } from "../../stack";

/** Logs kept forever cost money and keep personal data past its purpose; too short, and investigations lose their trail. */
export const logBucketLifecycle: StackValidationPolicy = {
    name: "s3-log-bucket-lifecycle",
    description: "Every S3 bucket expires objects within the allowed retention (default 35-540 days, the article's range) and aborts incomplete multipart uploads.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minRetentionDays: { type: "integer", default: 35, minimum: 1 },
            maxRetentionDays: { type: "integer", default: 540, minimum: 1 },
        },
    },
    validateStack: (args, reportViolation) => {
        const { minRetentionDays = 35, maxRetentionDays = 540 } = args.getConfig<{ minRetentionDays?: number; maxRetentionDays?: number }>();
        for (const bucket of buckets(args.resources)) {
            const lifecycle = ofType(args.resources, T.bucketLifecycle).find(r => configuresBucket(r, bucket));
            const rules = [...(lifecycle ? lifecycleRules(lifecycle.type, lifecycle.props) : []), ...lifecycleRules(bucket.type, bucket.props)];
            const wholeBucket = rules.filter(rule => (rule.filter?.prefix ?? rule.prefix ?? "") === "" && rule.expiration?.days !== undefined);
            if (wholeBucket.length === 0) {
                reportViolation(`Bucket ${bucket.name} never expires its objects.`, bucket.urn);
            }
            for (const rule of wholeBucket) {
                const days = rule.expiration.days;
                if (days < minRetentionDays || days > maxRetentionDays) {
                    reportViolation(`Bucket ${bucket.name} expires objects after ${days} days; allowed ${minRetentionDays}-${maxRetentionDays}.`, (lifecycle ?? bucket).urn);
                }
            }
            if (!rules.some(rule => rule.abortIncompleteMultipartUpload?.daysAfterInitiation !== undefined)) {
                reportViolation(`Bucket ${bucket.name} keeps incomplete multipart uploads (billed) forever.`, bucket.urn);
            }
        }
    },
};
