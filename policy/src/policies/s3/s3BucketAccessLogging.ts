import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { configuresBucket, ofType } from "../../stack";

/**
 * awsguard s3-bucket-logging-enabled, cdk-nag AwsSolutions-S1. Disabled by default: the log bucket
 * is written only by Firehose and member stream roles and read through Athena, whose queries
 * CloudTrail already records; server access logs would need a second bucket per stack. Turn it on
 * with --policy-pack-config where an audit requires S3 access logs.
 */
export const s3BucketAccessLogging: StackValidationPolicy = {
    name: "s3-bucket-access-logging",
    description: "Every S3 bucket writes server access logs (BucketLoggingV2, or the v1 bucket's loggings).",
    enforcementLevel: "disabled",
    validateStack: (args, reportViolation) => {
        const logging = ofType(args.resources, T.bucketLogging);
        for (const bucket of [...ofType(args.resources, T.bucket), ...ofType(args.resources, T.bucketV1)]) {
            const inline = bucket.type === T.bucketV1 && (bucket.props.loggings ?? []).length > 0;
            if (!inline && !logging.some(l => configuresBucket(l, bucket))) {
                reportViolation(
                    `Bucket ${bucket.name} writes no server access logs. Fix: add an aws.s3.BucketLoggingV2 to an access-log bucket.`,
                    bucket.urn,
                );
            }
        }
    },
};
