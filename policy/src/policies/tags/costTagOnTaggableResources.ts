import { ResourceValidationPolicy } from "@pulumi/policy";
import { providerDefaultTags } from "../../principals";

/**
 * Type tokens of the taggable resources ses-logs creates (their provider Args have `tags`).
 * Listed explicitly: a policy sees inputs, and an untagged resource simply has no `tags` input.
 */
export const TAGGABLE_TYPES = [
    "aws:s3/bucketV2:BucketV2",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    "aws:iam/role:Role",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:sesv2/configurationSet:ConfigurationSet",
    "aws:sesv2/emailIdentity:EmailIdentity",
    "aws:sns/topic:Topic",
    "aws:glue/catalogDatabase:CatalogDatabase",
    "aws:athena/workgroup:Workgroup",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:kms/key:Key",
];

/**
 * Cost allocation reports group by the tag's value: a resource without it, or with another value
 * than the stack's, is billed to nobody or to someone else. The program declares the tag on every
 * resource besides the provider's defaultTags (which policies cannot see on the resource), so the
 * expected value is the provider's default tag, or tagValue from the pack's config.
 */
export const costTagOnTaggableResources: ResourceValidationPolicy = {
    name: "cost-tag-on-taggable-resources",
    description:
        "Every taggable resource carries the cost-allocation tag (key configurable, default Cost) with the stack's value (the provider's defaultTags, or tagValue in the pack's config; any non-empty value when neither says).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            tagKey: { type: "string", default: "Cost" },
            tagValue: { type: "string" },
            taggableTypes: { type: "array", items: { type: "string" }, default: TAGGABLE_TYPES },
        },
    },
    validateResource: (args, reportViolation) => {
        const {
            tagKey = "Cost",
            tagValue,
            taggableTypes = TAGGABLE_TYPES,
        } = args.getConfig<{ tagKey?: string; tagValue?: string; taggableTypes?: string[] }>();
        if (!taggableTypes.includes(args.type)) {
            return;
        }
        const expected = tagValue ?? providerDefaultTags(args.provider)[tagKey];
        const value = args.props.tags?.[tagKey];
        if (typeof value !== "string" || value.trim() === "") {
            reportViolation(
                `${args.name} has no '${tagKey}' tag: its cost cannot be allocated. Fix: add tags.${tagKey} = ${expected !== undefined ? `'${expected}'` : "the stack's cost value"} to the resource (provider defaultTags are not visible on the resource).`,
            );
        } else if (expected !== undefined && value !== expected) {
            reportViolation(
                `${args.name}'s '${tagKey}' tag is '${value}', not the stack's '${expected}': its cost goes to another budget. Fix: set tags.${tagKey} = '${expected}', or change the stack's value everywhere at once.`,
            );
        }
    },
};
