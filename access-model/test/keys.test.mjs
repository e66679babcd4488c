// With customerManagedKey, a stack's key is usable only through the services and roles that need
// it: the services that publish to its encrypted topics (for this account only), the stream's
// delivery role through S3 for the log bucket, and the account's own IAM administration.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadStack, role } from "../src/stacks.mjs";
import { ALLOWED, IMPLICITLY_DENIED, administrator, caller, kmsDirectly, kmsThroughS3, serviceRequest } from "../src/aws.mjs";

const STRANGER = "999999999999";

const useKey = (stack, service, sourceAccount) => serviceRequest(service, "kms:GenerateDataKey", stack.key.arn,
    { resourceAccount: stack.account, resourcePolicy: stack.key.policy, sourceAccount, keys: { "kms:CallerAccount": sourceAccount } });

describe("the keys the stacks create", () => {
    test("every customerManagedKey variant has a key, and the example stacks have none", () => {
        for (const name of ["standalone-cmk", "archive-cmk", "member-near"]) {
            assert.ok(loadStack(name).key, name);
        }
        for (const name of ["dev", "logarchive", "prod"]) {
            assert.equal(loadStack(name).key, undefined, name);
        }
    });

    // EventBridge's delivery to an encrypted topic: SNS calls KMS for it, with SNS as the via
    // service and the topic's ARN as encryption context, and without aws:SourceAccount, which the
    // SNS guide says is not supported for EventBridge there. A statement that requires it (as
    // main did) drops every readable bounce, complaint and error-object alert.
    const eventBridgeThroughSns = (stack, topicArn, region = stack.region) => serviceRequest("events.amazonaws.com", "kms:GenerateDataKey",
        stack.key.arn, { resourceAccount: stack.account, resourcePolicy: stack.key.policy,
            keys: { "kms:CallerAccount": stack.account, "kms:ViaService": `sns.${region}.amazonaws.com`, "kms:EncryptionContext:aws:sns:topicArn": topicArn } });

    for (const name of ["standalone-cmk", "member-near", "full", "full-member"]) {
        test(`${name}: EventBridge uses the key through SNS for this stack's topics only`, async () => {
            const stack = loadStack(name);
            assert.equal(await eventBridgeThroughSns(stack, stack.exports.alertsTopicArn), ALLOWED, "alerts topic");
            assert.equal(await eventBridgeThroughSns(stack, stack.exports.feedbackTopicArn), ALLOWED, "feedback topic");
            assert.equal(await eventBridgeThroughSns(stack, `arn:aws:sns:${stack.region}:${STRANGER}:their-topic`), IMPLICITLY_DENIED, "another account's topic");
            assert.equal(await eventBridgeThroughSns(stack, `arn:aws:sns:${stack.region}:${stack.account}:another-topic`), IMPLICITLY_DENIED, "another topic");
            assert.equal(await eventBridgeThroughSns(stack, stack.exports.alertsTopicArn, stack.region === "us-east-1" ? "eu-west-1" : "us-east-1"), IMPLICITLY_DENIED, "SNS of another region");
            assert.equal(await useKey(stack, "events.amazonaws.com", stack.account), IMPLICITLY_DENIED, "not directly, not for anything but SNS");
        });

        test(`${name}: CloudWatch uses the key for this account only; SES as the SES guide documents`, async () => {
            const stack = loadStack(name);
            assert.equal(await useKey(stack, "cloudwatch.amazonaws.com", stack.account), ALLOWED);
            assert.equal(await useKey(stack, "cloudwatch.amazonaws.com", STRANGER), IMPLICITLY_DENIED);
            // The SES guide's statement has no condition, and SES checks the key when a feedback
            // topic is set: whether SES sends a source key to KMS is not documented.
            assert.equal(await useKey(stack, "ses.amazonaws.com", stack.account), ALLOWED);
            assert.equal(await useKey(stack, "ses.amazonaws.com", undefined), ALLOWED, "with no source key");
            assert.equal(await serviceRequest("ses.amazonaws.com", "kms:Encrypt", stack.key.arn,
                { resourceAccount: stack.account, resourcePolicy: stack.key.policy, sourceAccount: stack.account }), IMPLICITLY_DENIED, "data-key use only");
            assert.equal(await useKey(stack, "sns.amazonaws.com", stack.account), IMPLICITLY_DENIED, "no other service");
        });
    }

    test("archive-cmk: only EventBridge, the one service that publishes to an archive's topic, is admitted", async () => {
        const archive = loadStack("archive-cmk");
        assert.equal(await eventBridgeThroughSns(archive, archive.exports.alertsTopicArn), ALLOWED);
        assert.equal(await useKey(archive, "ses.amazonaws.com", archive.account), IMPLICITLY_DENIED, "an archive sends no mail");
        assert.equal(await useKey(archive, "cloudwatch.amazonaws.com", archive.account), IMPLICITLY_DENIED, "an archive has no alarms");
    });

    test("standalone-cmk: the delivery role uses the key only through S3, for the log bucket", async () => {
        const stack = loadStack("standalone-cmk");
        const delivery = role(stack, "ses-logs-firehose-to-s3-");
        const writer = caller(delivery.arn, delivery.policies);
        const viaS3 = { keyAccount: stack.account, bucketRegion: stack.region, bucketArn: stack.exports.logBucketArn };
        assert.equal(await kmsThroughS3(writer, "kms:GenerateDataKey", stack.key, viaS3), ALLOWED);
        assert.equal(await kmsThroughS3(writer, "kms:GenerateDataKey", stack.key, { ...viaS3, bucketArn: "arn:aws:s3:::another-bucket" }), IMPLICITLY_DENIED);
        assert.equal(await kmsDirectly(writer, "kms:Decrypt", stack.key, { keyAccount: stack.account }), IMPLICITLY_DENIED);
        const sesRole = role(stack, "ses-logs-ses-to-firehose-");
        assert.equal(await kmsThroughS3(caller(sesRole.arn, sesRole.policies), "kms:Decrypt", stack.key, viaS3), IMPLICITLY_DENIED);
    });

    test("the account administers its key through IAM; no other account does", async () => {
        const stack = loadStack("standalone-cmk");
        assert.equal(await kmsDirectly(administrator(stack.account), "kms:Decrypt", stack.key, { keyAccount: stack.account }), ALLOWED);
        assert.equal(await kmsDirectly(administrator(STRANGER), "kms:Decrypt", stack.key, { keyAccount: stack.account }), IMPLICITLY_DENIED);
    });
});
