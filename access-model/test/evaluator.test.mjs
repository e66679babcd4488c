// The evaluator itself, on requests whose answer AWS documents, before anything is trusted to it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED, administrator, caller, kmsThroughS3, s3Request } from "../src/aws.mjs";

const bucket = "arn:aws:s3:::example-bucket";
const writeToBucket = [{ name: "write", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: `${bucket}/*` }] } }];

test("a role allowed by its own policy writes to a bucket of its own account", async () => {
    assert.equal(await s3Request(caller("arn:aws:iam::111111111111:role/writer", writeToBucket), "s3:PutObject", `${bucket}/key`,
        { bucketAccount: "111111111111" }), ALLOWED);
});

test("across accounts the bucket policy must allow too", async () => {
    assert.equal(await s3Request(caller("arn:aws:iam::222222222222:role/writer", writeToBucket), "s3:PutObject", `${bucket}/key`,
        { bucketAccount: "111111111111" }), IMPLICITLY_DENIED);
    const admits = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "s3:PutObject", Resource: `${bucket}/*` }] };
    assert.equal(await s3Request(caller("arn:aws:iam::222222222222:role/writer", writeToBucket), "s3:PutObject", `${bucket}/key`,
        { bucketAccount: "111111111111", bucketPolicy: admits }), ALLOWED);
});

test("an explicit deny wins over any allow", async () => {
    const denyPlainHttp = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${bucket}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } }] };
    assert.equal(await s3Request(administrator("111111111111"), "s3:PutObject", `${bucket}/key`,
        { bucketAccount: "111111111111", bucketPolicy: denyPlainHttp, tls: false }), EXPLICITLY_DENIED);
    assert.equal(await s3Request(administrator("111111111111"), "s3:PutObject", `${bucket}/key`,
        { bucketAccount: "111111111111", bucketPolicy: denyPlainHttp }), ALLOWED);
});

test("a key's encryption-context condition is evaluated, not dropped", async () => {
    const key = {
        arn: "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/writer" }, Action: "kms:GenerateDataKey", Resource: "*",
            Condition: { StringEquals: { "kms:EncryptionContext:aws:s3:arn": bucket } } }] },
    };
    const writer = caller("arn:aws:iam::111111111111:role/writer");
    assert.equal(await kmsThroughS3(writer, "kms:GenerateDataKey", key, { keyAccount: "111111111111", bucketRegion: "eu-west-1", bucketArn: bucket }), ALLOWED);
    assert.equal(await kmsThroughS3(writer, "kms:GenerateDataKey", key, { keyAccount: "111111111111", bucketRegion: "eu-west-1", bucketArn: "arn:aws:s3:::another-bucket" }), IMPLICITLY_DENIED);
});

test("a context key the action does not have is refused as a mistake of the test", async () => {
    await assert.rejects(() => s3Request(administrator("111111111111"), "s3:GetBucketLocation", bucket,
        { bucketAccount: "111111111111", keys: { "s3:prefix": "anything/" } }), /has no context keys s3:prefix/);
});
