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

    for (const name of ["standalone-cmk", "member-near"]) {
        test(`${name}: SES, EventBridge and CloudWatch use the key for this account only`, async () => {
            const stack = loadStack(name);
            for (const service of ["ses.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com"]) {
                assert.equal(await useKey(stack, service, stack.account), ALLOWED, service);
                assert.equal(await useKey(stack, service, STRANGER), IMPLICITLY_DENIED, service);
            }
            assert.equal(await useKey(stack, "sns.amazonaws.com", stack.account), IMPLICITLY_DENIED, "no other service");
        });
    }

    test("archive-cmk: only EventBridge, the one service that publishes to an archive's topic, is admitted", async () => {
        const archive = loadStack("archive-cmk");
        assert.equal(await useKey(archive, "events.amazonaws.com", archive.account), ALLOWED);
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
