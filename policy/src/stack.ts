import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { T } from "./types";

/** Resources of a stack of one type. */
export function ofType(resources: PolicyResource[], type: string): PolicyResource[] {
    return resources.filter(r => r.type === type);
}

/** What a read returns when the engine does not know the value yet (a first preview's ARNs and ids). */
export const UNKNOWN: unique symbol = Symbol("unknown until the resource is created");

/**
 * Reads a value that may be unknown during a preview. The SDK's proxy throws on an unknown value,
 * which would turn the whole stack policy into "can't run during preview"; reading through this
 * lets a policy decide per resource and still check everything that is known.
 */
export function known<T>(read: () => T): T | typeof UNKNOWN {
    try {
        return read();
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}

/**
 * Whether `resource`'s `property` refers to `target`: by the engine's property dependencies (the
 * resource the value came from, known even when the value is not, as for a bucket's id in a first
 * preview), or else by equal known values (`targetProperty` of the target, the same name by default).
 */
export function refersTo(resource: PolicyResource, property: string, target: PolicyResource, targetProperty = property): boolean {
    if ((resource.propertyDependencies?.[property] ?? []).some(source => source.urn === target.urn)) {
        return true;
    }
    const mine = known(() => resource.props[property]);
    const theirs = known(() => target.props[targetProperty]);
    return mine !== UNKNOWN && mine !== undefined && mine !== "" && mine === theirs;
}

/** S3 sub-resources name their bucket (for BucketV2 its id is its name): a bucket's public-access block, encryption, policy and lifecycle. */
export function configuresBucket(resource: PolicyResource, bucket: PolicyResource): boolean {
    return refersTo(resource, "bucket", bucket);
}

/** Every bucket of the stack, of both aws 6.x types: BucketV2 with its sub-resources, and the v1 Bucket with inline settings. */
export function buckets(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter(r => r.type === T.bucket || r.type === T.bucketV1);
}

export function isV1Bucket(bucket: PolicyResource): boolean {
    return bucket.type === T.bucketV1;
}

/** A v1 bucket's inline lifecycle rule in the shape of BucketLifecycleConfigurationV2's rules. */
function v1Rule(rule: any): any {
    return {
        status: rule?.enabled ? "Enabled" : "Disabled",
        filter: { prefix: rule?.prefix ?? "" },
        expiration: rule?.expiration?.days !== undefined ? { days: rule.expiration.days } : undefined,
        abortIncompleteMultipartUpload: rule?.abortIncompleteMultipartUploadDays !== undefined
            ? { daysAfterInitiation: rule.abortIncompleteMultipartUploadDays } : undefined,
        transitions: rule?.transitions ?? [],
    };
}

/**
 * The enabled lifecycle rules a resource declares, in BucketLifecycleConfigurationV2's shape: a
 * lifecycle configuration's own rules, or a v1 bucket's inline lifecycleRules; none for anything else.
 */
export function lifecycleRules(type: string, props: any): any[] {
    const rules: any[] = type === T.bucketLifecycle ? props.rules ?? []
        : type === T.bucketV1 ? (props.lifecycleRules ?? []).map(v1Rule) : [];
    return rules.filter(rule => rule?.status === "Enabled");
}
