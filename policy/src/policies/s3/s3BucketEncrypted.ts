import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { buckets, configuresBucket, isV1Bucket, ofType } from "../../stack";

export const s3BucketEncrypted: StackValidationPolicy = {
    name: "s3-bucket-encrypted",
    description: "Every S3 bucket has default server-side encryption (AES256 or aws:kms).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const bucket of buckets(args.resources)) {
            const encryption = ofType(args.resources, T.bucketEncryption).find(r => configuresBucket(r, bucket));
            const algorithms: string[] = (encryption?.props.rules ?? []).map(
                (rule: any) => rule?.applyServerSideEncryptionByDefault?.sseAlgorithm,
            );
            if (isV1Bucket(bucket)) {
                algorithms.push(bucket.props.serverSideEncryptionConfiguration?.rule?.applyServerSideEncryptionByDefault?.sseAlgorithm);
            }
            if (!algorithms.some(a => a === "AES256" || a === "aws:kms" || a === "aws:kms:dsse")) {
                reportViolation(
                    `Bucket ${bucket.name} has no default encryption. Fix: add a BucketServerSideEncryptionConfigurationV2 with sseAlgorithm AES256 or aws:kms.`,
                    bucket.urn,
                );
            }
        }
    },
};
