import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { configuresBucket, ofType } from "../../stack";
import { statements } from "../../iam";

export const logBucketTlsOnly: StackValidationPolicy = {
    name: "s3-log-bucket-tls-only",
    description: "Every S3 bucket's policy denies requests without TLS (Deny on aws:SecureTransport = false).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const bucket of ofType(args.resources, T.bucket)) {
            const policy = ofType(args.resources, T.bucketPolicy).find(r => configuresBucket(r, bucket));
            const denies = statements(policy?.props.policy).some(s => s.Effect === "Deny"
                && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
            if (!denies) {
                reportViolation(`Bucket ${bucket.name} accepts requests without TLS: its policy has no Deny on aws:SecureTransport = false.`, bucket.urn);
            }
        }
    },
};
