import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { buckets, configuresBucket, isV1Bucket, known, ofType, UNKNOWN } from "../../stack";
import { statements } from "../../iam";
import { firstPlainHttpGap, S3_BUCKET_ACTIONS, S3_OBJECT_ACTIONS } from "../../tls";

/** Log objects hold recipients' addresses: no request may reach them in clear text, whoever sends it. */
export const s3BucketTlsOnly: StackValidationPolicy = {
    name: "s3-bucket-tls-only",
    description:
        "Every S3 bucket's policy refuses every request without TLS: evaluated for each S3 action on the bucket and on any object, from anonymous, own-account, other-account and service callers with aws:SecureTransport = false.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const bucket of buckets(args.resources)) {
            const policy = ofType(args.resources, T.bucketPolicy).find(r => configuresBucket(r, bucket));
            const document = known(() => policy?.props.policy ?? (isV1Bucket(bucket) ? bucket.props.policy : undefined));
            if (document === UNKNOWN) {
                continue; // built from ARNs AWS has not assigned yet: checked when `pulumi up` knows it
            }
            const name = known(() => bucket.props.bucket);
            const arn = typeof name === "string" && name !== "" ? `arn:aws:s3:::${name}` : undefined;
            const gap = firstPlainHttpGap(statements(document), [
                { label: "the bucket", resource: arn, actions: S3_BUCKET_ACTIONS },
                { label: "an object", resource: arn && `${arn}/zz-probe/any-key.gz`, actions: S3_OBJECT_ACTIONS },
            ]);
            if (gap !== undefined) {
                reportViolation(
                    `Bucket ${bucket.name} accepts requests without TLS (${gap} is not denied when aws:SecureTransport = false). Fix: a Deny statement with Principal "*", Action "s3:*", Resource [bucket ARN, bucket ARN + "/*"] and the single condition Bool aws:SecureTransport = "false".`,
                    (policy ?? bucket).urn,
                );
            }
        }
    },
};
