// The IAM-data judge must be able to fail: statements AWS's reference does not know are reported,
// statements it knows are not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkStatement, policiesOf } from "../src/check.mjs";

const rules = async (statement) => (await checkStatement(statement)).map((f) => f.rule);

test("a statement of real actions, keys and resources has no finding", async () => {
    assert.deepEqual(await rules({
        Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "arn:aws:kms:eu-west-1:111111111111:key/9009a76c-8f07-99d5-2367-7e8f0c5058bc",
        Condition: { StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b", "kms:ViaService": "s3.eu-west-1.amazonaws.com", "aws:SourceAccount": "111111111111" } },
    }), []);
    assert.deepEqual(await rules({
        Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    }), []);
    assert.deepEqual(await rules({
        Effect: "Allow", Action: "logs:PutLogEvents",
        Resource: "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/firehose/x:log-stream:S3Delivery",
    }), []);
    assert.deepEqual(await rules({
        Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": "111111111111" } },
    }), []);
});

test("sns:Receive is not an action in the Service Authorization Reference", async () => {
    assert.deepEqual(await rules({ Effect: "Deny", Principal: "*", Action: ["sns:Publish", "sns:Receive"], Resource: "arn:aws:sns:eu-west-1:111111111111:t" }), ["action"]);
});

test("a misspelt action, service or wildcard that matches nothing is reported", async () => {
    assert.deepEqual(await rules({ Effect: "Allow", Action: "s3:PutObjekt", Resource: "*" }), ["action"]);
    assert.deepEqual(await rules({ Effect: "Allow", Action: "s4:PutObject", Resource: "*" }), ["action"]);
    assert.deepEqual(await rules({ Effect: "Allow", Action: "firehose:Put*Batches", Resource: "*" }), ["action"]);
});

test("a condition key no action of the statement supports, or that does not exist, is reported", async () => {
    assert.deepEqual(await rules({ Effect: "Allow", Action: "sns:Publish", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "x" } } }), ["condition-key"]);
    assert.deepEqual(await rules({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { NumericLessThan: { "s3:TlsVersio": "1.2" } } }), ["condition-key"]);
    assert.deepEqual(await rules({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { Bool: { "aws:SecureTransports": "false" } } }), ["condition-key"]);
});

test("a resource ARN that fits no resource type of the action is reported", async () => {
    // A lone action on a resource it cannot take is both: the resource fits no type, the action applies to nothing.
    assert.deepEqual(await rules({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "arn:aws:s3:::b/*" }), ["action-without-resource", "resource"]);
    assert.deepEqual(await rules({ Effect: "Allow", Action: "firehose:PutRecordBatch", Resource: "arn:aws:firehose:eu-west-1:111111111111:stream/x" }), ["action-without-resource", "resource"]);
    assert.deepEqual(await rules({ Effect: "Allow", Action: ["s3:PutObject", "logs:PutLogEvents"], Resource: "arn:aws:s3:::b/*" }), ["action-without-resource"]);
});

test("an action that applies to none of the statement's resources is reported", async () => {
    assert.deepEqual(await rules({ Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" }), ["action-without-resource"]);
    assert.deepEqual(await rules({ Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:PutObject"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] }), []);
});

test("every kind of policy document of a preview is read", () => {
    const preview = JSON.parse(readFileSync(new URL("../../../policy/test-fixtures/previews/hardened.json", import.meta.url)));
    const kinds = policiesOf(preview).map((p) => p.where.split(" ")[0]);
    const count = (type) => kinds.filter((k) => k === type).length;
    assert.equal(count("aws:iam/role:Role"), 2);
    assert.equal(count("aws:iam/rolePolicy:RolePolicy"), 2);
    assert.equal(count("aws:s3/bucketPolicy:BucketPolicy"), 1);
    assert.equal(count("aws:sns/topicPolicy:TopicPolicy"), 2);
    assert.equal(count("aws:kms/key:Key"), 1);
});

test("a policy on a resource type the judge does not read is reported, not skipped", () => {
    const preview = { steps: [{ newState: { type: "aws:sqs/queue:Queue", urn: "urn:pulumi:s::p::aws:sqs/queue:Queue::q",
        inputs: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) } } }] };
    assert.equal(policiesOf(preview)[0].unknownType, true);
});
