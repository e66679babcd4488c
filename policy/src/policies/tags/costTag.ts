import { ResourceValidationPolicy } from "@pulumi/policy";

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

export const costTag: ResourceValidationPolicy = {
    name: "cost-tag-on-taggable-resources",
    description: "Every taggable resource carries the cost-allocation tag (key configurable, default Cost) with a non-empty value.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            tagKey: { type: "string", default: "Cost" },
            taggableTypes: { type: "array", items: { type: "string" }, default: TAGGABLE_TYPES },
        },
    },
    validateResource: (args, reportViolation) => {
        const { tagKey = "Cost", taggableTypes = TAGGABLE_TYPES } = args.getConfig<{ tagKey?: string; taggableTypes?: string[] }>();
        if (!taggableTypes.includes(args.type)) {
            return;
        }
        const value = args.props.tags?.[tagKey];
        if (typeof value !== "string" || value.trim() === "") {
            reportViolation(`The resource has no '${tagKey}' tag: its cost cannot be allocated.`);
        }
    },
};
