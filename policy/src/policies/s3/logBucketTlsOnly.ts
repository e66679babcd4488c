import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { buckets, configuresBucket, isV1Bucket, known, ofType, UNKNOWN } from "../../stack";
import { statements } from "../../iam";

export const logBucketTlsOnly: StackValidationPolicy = {
    name: "s3-log-bucket-tls-only",
    description: "Every S3 bucket's policy denies requests without TLS (Deny on aws:SecureTransport = false).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const bucket of buckets(args.resources)) {
            const policy = ofType(args.resources, T.bucketPolicy).find(r => configuresBucket(r, bucket));
            const document = known(() => policy?.props.policy ?? (isV1Bucket(bucket) ? bucket.props.policy : undefined));
            if (document === UNKNOWN) {
                continue; // built from ARNs AWS has not assigned yet: checked when `pulumi up` knows it
            }
            const denies = statements(document).some(s => s.Effect === "Deny"
                && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
            if (!denies) {
                reportViolation(`Bucket ${bucket.name} accepts requests without TLS: its policy has no Deny on aws:SecureTransport = false.`, bucket.urn);
            }
        }
    },
};
