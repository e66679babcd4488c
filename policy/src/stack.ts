import { PolicyResource, ResourceValidation, UnknownValueError } from "@pulumi/policy";
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
 * Whether `resource`'s `property` refers to `target`: by equal values when both are known (an
 * edited name no longer refers to the resource it came from, whatever the dependencies recorded),
 * else by the engine's property dependencies (the resource the value came from, known even when
 * the value is not, as for a bucket's id in a first preview). `targetProperty` of the target is
 * compared, the same name by default.
 */
export function refersTo(resource: PolicyResource, property: string, target: PolicyResource, targetProperty = property): boolean {
    const mine = known(() => resource.props[property]);
    const theirs = known(() => target.props[targetProperty]);
    if (mine !== UNKNOWN && theirs !== UNKNOWN && mine !== undefined && theirs !== undefined && mine !== "") {
        return mine === theirs;
    }
    return (resource.propertyDependencies?.[property] ?? []).some(source => source.urn === target.urn);
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
    const tags = rule?.tags && Object.keys(rule.tags).length > 0 ? rule.tags : undefined;
    return {
        status: rule?.enabled ? "Enabled" : "Disabled",
        filter: tags ? { and: { prefix: rule?.prefix ?? "", tags } } : { prefix: rule?.prefix ?? "" },
        expiration: rule?.expiration?.days !== undefined ? { days: rule.expiration.days } : undefined,
        noncurrentVersionExpiration:
            rule?.noncurrentVersionExpiration?.days !== undefined ? { noncurrentDays: rule.noncurrentVersionExpiration.days } : undefined,
        abortIncompleteMultipartUpload:
            rule?.abortIncompleteMultipartUploadDays !== undefined
                ? { daysAfterInitiation: rule.abortIncompleteMultipartUploadDays }
                : undefined,
        transitions: rule?.transitions ?? [],
    };
}

/**
 * The enabled lifecycle rules a resource declares, in BucketLifecycleConfigurationV2's shape: a
 * lifecycle configuration's own rules, or a v1 bucket's inline lifecycleRules; none for anything else.
 */
export function lifecycleRules(type: string, props: any): any[] {
    const rules: any[] =
        type === T.bucketLifecycle ? (props.rules ?? []) : type === T.bucketV1 ? (props.lifecycleRules ?? []).map(v1Rule) : [];
    return rules.filter(rule => rule?.status === "Enabled");
}

/** Which objects a lifecycle rule applies to: its key prefix, and whether a tag or size filter narrows it further. */
export function ruleScope(rule: any): { prefix: string; tagged: boolean; sized: boolean } {
    const filter = rule?.filter ?? {};
    const and = filter.and ?? {};
    return {
        prefix: String(filter.prefix ?? and.prefix ?? rule?.prefix ?? ""),
        tagged: filter.tag !== undefined || (and.tags !== undefined && Object.keys(and.tags).length > 0),
        sized: [filter, and].some(f => f.objectSizeGreaterThan !== undefined || f.objectSizeLessThan !== undefined),
    };
}

/**
 * The prologue every resource policy repeats: run `validate` only for resources of these types.
 * The SDK's validateResourceOfType needs the provider's classes (@pulumi/aws), which the pack
 * does not depend on; type tokens are enough.
 */
export function forTypes(types: readonly string[], validate: ResourceValidation): ResourceValidation {
    return (args, reportViolation) => (types.includes(args.type) ? validate(args, reportViolation) : undefined);
}
