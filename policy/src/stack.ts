import { PolicyResource } from "@pulumi/policy";

/** Resources of a stack of one type. */
export function ofType(resources: PolicyResource[], type: string): PolicyResource[] {
    return resources.filter(r => r.type === type);
}

/**
 * S3 sub-resources name their bucket by id, which for BucketV2 is the bucket name: the link
 * between a bucket and its public-access block, encryption, policy and lifecycle.
 */
export function configuresBucket(resource: PolicyResource, bucket: PolicyResource): boolean {
    return resource.props.bucket !== undefined && resource.props.bucket === bucket.props.bucket;
}
