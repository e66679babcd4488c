// The access-relevant parts of a stack, read from its offline preview (the `pulumi preview --json`
// document scripts/offline-preview writes): every IAM role with its trust and inline policies, and
// every resource policy (bucket, topics, key), with the ARNs AWS gives them.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const previews = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "target", "access-model");

function partitionOf(region) {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

const parsePolicy = (text) => (typeof text === "string" ? JSON.parse(text) : text);

/** A stack previewed by ../previews: one of the example stacks or a variant in ../stacks. */
export function loadStack(name) {
    const file = join(previews, `${name}.json`);
    if (!existsSync(file)) {
        throw new Error(`${file} is missing: run \`npm test\` in access-model/ (its pretest previews the stacks) or bash scripts/test`);
    }
    const resources = JSON.parse(readFileSync(file, "utf8")).steps.map((step) => step.newState);
    const ofType = (type) => resources.filter((resource) => resource.type === type);
    const exports = resources.find((resource) => resource.type === "pulumi:pulumi:Stack").outputs;
    const account = exports.accountId;
    const region = exports.region;
    const partition = partitionOf(region);

    const roles = new Map();
    for (const role of ofType("aws:iam/role:Role")) {
        const roleName = role.inputs.name;
        roles.set(roleName, {
            name: roleName,
            arn: `arn:${partition}:iam::${account}:role/${roleName}`,
            trust: parsePolicy(role.inputs.assumeRolePolicy),
            policies: [],
        });
    }
    for (const inline of ofType("aws:iam/rolePolicy:RolePolicy")) {
        const role = roles.get(inline.inputs.role);
        if (!role) {
            throw new Error(`inline policy ${inline.inputs.name} names role ${inline.inputs.role}, which the stack does not create`);
        }
        role.policies.push({ name: inline.inputs.name, policy: parsePolicy(inline.inputs.policy) });
    }

    const bucketPolicies = new Map(ofType("aws:s3/bucketPolicy:BucketPolicy")
        .map((policy) => [policy.inputs.bucket, parsePolicy(policy.inputs.policy)]));
    const topicPolicies = new Map(ofType("aws:sns/topicPolicy:TopicPolicy")
        .map((policy) => [policy.inputs.arn, parsePolicy(policy.inputs.policy)]));

    // A key's ARN is AWS's to choose; the stack hands it to what the key encrypts (the bucket's
    // default encryption, the stream, the topics), and an archive exports it.
    const keys = ofType("aws:kms/key:Key");
    if (keys.length > 1) {
        throw new Error(`${name} has ${keys.length} KMS keys; the model knows one per stack`);
    }
    const keyArns = new Set(JSON.stringify(resources).match(new RegExp(`arn:${partition}:kms:${region}:${account}:key/[0-9a-f-]+`, "g")) ?? []);
    if (keys.length === 1 && keyArns.size !== 1) {
        throw new Error(`${name}: cannot tell its key's ARN from ${[...keyArns]}`);
    }
    const key = keys.length === 1 ? { arn: [...keyArns][0], policy: parsePolicy(keys[0].inputs.policy) } : undefined;

    const stream = ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")[0];
    return {
        name,
        account,
        region,
        partition,
        exports,
        roles,
        bucketPolicies,
        topicPolicies,
        key,
        stream: stream && {
            name: stream.inputs.name,
            arn: `arn:${partition}:firehose:${region}:${account}:deliverystream/${stream.inputs.name}`,
            roleArn: stream.inputs.extendedS3Configuration.roleArn,
            bucketArn: stream.inputs.extendedS3Configuration.bucketArn,
            prefix: stream.inputs.extendedS3Configuration.prefix,
            errorPrefix: stream.inputs.extendedS3Configuration.errorOutputPrefix,
        },
        configurationSets: ofType("aws:sesv2/configurationSet:ConfigurationSet")
            .map((set) => `arn:${partition}:ses:${region}:${account}:configuration-set/${set.inputs.configurationSetName}`),
        identities: ofType("aws:sesv2/emailIdentity:EmailIdentity")
            .map((identity) => `arn:${partition}:ses:${region}:${account}:identity/${identity.inputs.emailIdentity}`),
        eventRules: ofType("aws:cloudwatch/eventRule:EventRule")
            .map((rule) => `arn:${partition}:events:${region}:${account}:rule/${rule.inputs.name}`),
        alarms: ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .map((alarm) => `arn:${partition}:cloudwatch:${region}:${account}:alarm:${alarm.inputs.name}`),
    };
}

/** The one role of a stack whose name starts with `prefix`. */
export function role(stack, prefix) {
    const matches = [...stack.roles.values()].filter((candidate) => candidate.name.startsWith(prefix));
    if (matches.length !== 1) {
        throw new Error(`${stack.name} has ${matches.length} roles named ${prefix}*`);
    }
    return matches[0];
}

export function bucketName(bucketArn) {
    return bucketArn.slice(bucketArn.lastIndexOf(":") + 1);
}
