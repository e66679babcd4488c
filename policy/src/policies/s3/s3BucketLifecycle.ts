import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { buckets, configuresBucket, known, lifecycleRules, ofType, ruleScope, UNKNOWN } from "../../stack";

/** The folders the program's streams write (PartitionLayout: DATA_ROOT, ERROR_ROOT). */
export const FIREHOSE_ROOTS = ["partitioned/", "errorLog/"];

/** The fixed part of a Firehose prefix, before its first expression: where its objects land. */
const staticRoot = (prefix: unknown) => (typeof prefix === "string" ? prefix.split("!{")[0] : "");

/** Folders of this bucket that the stack's Firehose streams write to, besides the configured ones. */
function streamRoots(bucket: PolicyResource, resources: PolicyResource[]): string[] {
    const name = known(() => bucket.props.bucket);
    return ofType(resources, T.firehose).flatMap(stream => {
        const s3 = known(() => stream.props.extendedS3Configuration);
        if (s3 === UNKNOWN || s3 === undefined) {
            return [];
        }
        const arn = known(() => s3.bucketArn);
        const linked =
            typeof arn === "string"
                ? arn === `arn:aws:s3:::${name}`
                : (stream.propertyDependencies?.extendedS3Configuration ?? []).some(r => r.urn === bucket.urn);
        return linked ? [known(() => s3.prefix), known(() => s3.errorOutputPrefix)].map(staticRoot).filter(r => r !== "") : [];
    });
}

function versioned(bucket: PolicyResource, resources: PolicyResource[]): boolean {
    if (bucket.type === T.bucketV1) {
        return known(() => bucket.props.versioning?.enabled) === true;
    }
    const versioning = ofType(resources, T.bucketVersioning).find(r => configuresBucket(r, bucket));
    const status = versioning && known(() => versioning.props.versioningConfiguration?.status);
    return status === "Enabled" || status === "Suspended";
}

/**
 * Logs kept forever cost money and keep personal data past its purpose; too short, and
 * investigations lose their trail. Judged by what the rules do to the objects Firehose writes:
 * Firehose sets no object tags, so a tag-filtered rule expires none of them, and a rule for another
 * prefix does not reach them.
 */
export const s3BucketLifecycle: StackValidationPolicy = {
    name: "s3-bucket-lifecycle",
    description:
        "Every S3 bucket expires the objects Firehose writes (every folder in firehosePrefixes and its streams' prefixes, by rules without tag or size filters) within the allowed retention (default 35-540 days, the article's range), expires noncurrent versions when versioning is on, and aborts incomplete multipart uploads.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minRetentionDays: { type: "integer", default: 35, minimum: 1 },
            maxRetentionDays: { type: "integer", default: 540, minimum: 1 },
            firehosePrefixes: { type: "array", items: { type: "string" }, default: FIREHOSE_ROOTS },
        },
    },
    validateStack: (args, reportViolation) => {
        const {
            minRetentionDays = 35,
            maxRetentionDays = 540,
            firehosePrefixes = FIREHOSE_ROOTS,
        } = args.getConfig<{ minRetentionDays?: number; maxRetentionDays?: number; firehosePrefixes?: string[] }>();
        for (const bucket of buckets(args.resources)) {
            const lifecycle = ofType(args.resources, T.bucketLifecycle).find(r => configuresBucket(r, bucket));
            const at = (lifecycle ?? bucket).urn;
            const rules = [
                ...(lifecycle ? lifecycleRules(lifecycle.type, lifecycle.props) : []),
                ...lifecycleRules(bucket.type, bucket.props),
            ];
            const roots = [...new Set([...firehosePrefixes, ...streamRoots(bucket, args.resources)])];
            // A rule reaches a folder's objects if its prefix is a prefix of the folder and nothing else narrows it.
            const covering = (root: string) =>
                rules.filter(rule => {
                    const scope = ruleScope(rule);
                    return !scope.tagged && !scope.sized && root.startsWith(scope.prefix);
                });
            const never: string[] = [];
            const outOfBounds = new Map<number, string[]>();
            for (const root of roots) {
                const days = covering(root)
                    .map(r => r.expiration?.days)
                    .filter((d): d is number => typeof d === "number");
                if (days.length === 0) {
                    never.push(root);
                    continue;
                }
                const effective = Math.min(...days); // S3 applies the earliest of overlapping expirations
                if (effective < minRetentionDays || effective > maxRetentionDays) {
                    outOfBounds.set(effective, [...(outOfBounds.get(effective) ?? []), root]);
                }
            }
            if (never.length > 0) {
                reportViolation(
                    `Bucket ${bucket.name} never expires its objects under ${never.join(", ")} (Firehose's folders): no enabled rule with expiration.days reaches them (a tag or size filter matches none of Firehose's objects; Firehose sets no tags). Fix: an expiration rule with filter.prefix "" or the folder, and no tag or size filter.`,
                    at,
                );
            }
            for (const [days, where] of outOfBounds) {
                reportViolation(
                    `Bucket ${bucket.name} expires objects after ${days} days; allowed ${minRetentionDays}-${maxRetentionDays} (under ${where.join(", ")}). Fix: set the expiration rule's days within the bounds, or change the bounds in the pack's config.`,
                    at,
                );
            }
            if (versioned(bucket, args.resources)) {
                const missing = roots.filter(
                    root =>
                        !covering(root).some(r => {
                            const days = r.noncurrentVersionExpiration?.noncurrentDays;
                            return typeof days === "number" && days <= maxRetentionDays;
                        }),
                );
                if (missing.length > 0) {
                    reportViolation(
                        `Bucket ${bucket.name} keeps versions but never expires noncurrent versions under ${missing.join(", ")} within ${maxRetentionDays} days: deleted and expired logs stay (and are billed) forever. Fix: a rule with noncurrentVersionExpiration.noncurrentDays <= ${maxRetentionDays} and no tag or size filter.`,
                        at,
                    );
                }
            }
            if (!roots.every(root => covering(root).some(rule => rule.abortIncompleteMultipartUpload?.daysAfterInitiation !== undefined))) {
                reportViolation(
                    `Bucket ${bucket.name} keeps incomplete multipart uploads (billed) forever. Fix: a rule with abortIncompleteMultipartUpload.daysAfterInitiation (1 is enough for Firehose) and filter.prefix "".`,
                    at,
                );
            }
        }
    },
};
