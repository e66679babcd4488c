import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { buckets, configuresBucket, ofType } from "../../stack";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** SES logs hold recipients' addresses: a log bucket must never be readable from outside the account. */
export const s3BucketPrivate: StackValidationPolicy = {
    name: "s3-bucket-private",
    description: "Every S3 bucket has a public access block with all four flags on, ACLs disabled (BucketOwnerEnforced) and no public ACL.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const bucket of buckets(args.resources)) {
            if (PUBLIC_ACLS.includes(bucket.props.acl)) {
                reportViolation(
                    `Bucket ${bucket.name} has the public ACL '${bucket.props.acl}'. Fix: remove the acl (ACLs stay disabled with BucketOwnerEnforced).`,
                    bucket.urn,
                );
            }
            const block = ofType(args.resources, T.bucketPublicAccessBlock).find(r => configuresBucket(r, bucket));
            if (block === undefined) {
                reportViolation(
                    `Bucket ${bucket.name} has no public access block. Fix: add a BucketPublicAccessBlock with all four flags true.`,
                    bucket.urn,
                );
            } else {
                const off = FLAGS.filter(flag => block.props[flag] !== true);
                if (off.length > 0) {
                    reportViolation(
                        `Bucket ${bucket.name}'s public access block leaves ${off.join(", ")} off. Fix: set ${off.join(", ")} = true.`,
                        block.urn,
                    );
                }
            }
            const ownership = ofType(args.resources, T.bucketOwnershipControls).find(r => configuresBucket(r, bucket));
            if (ownership?.props.rule?.objectOwnership !== "BucketOwnerEnforced") {
                reportViolation(
                    `Bucket ${bucket.name} does not disable ACLs. Fix: add BucketOwnershipControls with rule.objectOwnership = BucketOwnerEnforced.`,
                    bucket.urn,
                );
            }
        }
        for (const acl of ofType(args.resources, T.bucketAcl)) {
            if (PUBLIC_ACLS.includes(acl.props.acl)) {
                reportViolation(
                    `Bucket ACL ${acl.name} is public ('${acl.props.acl}'). Fix: remove the BucketAclV2 (ACLs stay disabled with BucketOwnerEnforced).`,
                    acl.urn,
                );
            }
        }
    },
};
