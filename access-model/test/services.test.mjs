// The AWS services a stack lets act for it (SES, Firehose, EventBridge, CloudWatch) can act only for
// this account and this stack's resources: the confused-deputy guards of every trust policy and
// topic policy, with the aws:SourceAccount / aws:SourceArn / sts:ExternalId AWS sends.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadStack, role } from "../src/stacks.mjs";
import { ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED, caller, decide, s3Request, serviceRequest } from "../src/aws.mjs";

const STRANGER = "999999999999";
const elsewhere = (arn, account) => arn.replace(/:\d{12}:/, `:${account}:`);

for (const name of ["dev", "prod", "standalone-cmk"]) {
    describe(`${name}: services act only for this stack`, () => {
        const stack = loadStack(name);
        const sesRole = role(stack, "ses-logs-ses-to-firehose-");
        const deliveryRole = role(stack, "ses-logs-firehose-to-s3-");
        const assume = (service, target, source) => serviceRequest(service, "sts:AssumeRole", target.arn,
            { resourceAccount: stack.account, resourcePolicy: target.trust, ...source });

        test("SES assumes its role only for this account's configuration set", async () => {
            const [configurationSet] = stack.configurationSets;
            assert.equal(await assume("ses.amazonaws.com", sesRole, { sourceAccount: stack.account, sourceArn: configurationSet }), ALLOWED);
            assert.equal(await assume("ses.amazonaws.com", sesRole, { sourceAccount: stack.account, sourceArn: `${configurationSet}-other` }), IMPLICITLY_DENIED);
            assert.equal(await assume("ses.amazonaws.com", sesRole, { sourceAccount: STRANGER, sourceArn: elsewhere(configurationSet, STRANGER) }), IMPLICITLY_DENIED);
            assert.equal(await assume("firehose.amazonaws.com", sesRole, { sourceAccount: stack.account }), IMPLICITLY_DENIED);
        });

        test("with its role, SES puts records only on this stack's stream", async () => {
            const asSes = caller(sesRole.arn, sesRole.policies);
            const put = (stream) => decide({ principal: asSes.arn, action: "firehose:PutRecordBatch", resource: stream, resourceAccount: stack.account,
                identityPolicies: asSes.policies, context: { "aws:PrincipalArn": asSes.arn, "aws:SecureTransport": "true" } });
            assert.equal(await put(stack.stream.arn), ALLOWED);
            assert.equal(await put(`${stack.stream.arn}-other`), IMPLICITLY_DENIED);
        });

        test("Firehose assumes the delivery role only with this account as external id", async () => {
            const external = (id) => ({ keys: { "sts:ExternalId": id } });
            assert.equal(await assume("firehose.amazonaws.com", deliveryRole, external(stack.account)), ALLOWED);
            assert.equal(await assume("firehose.amazonaws.com", deliveryRole, external(STRANGER)), IMPLICITLY_DENIED);
            assert.equal(await assume("firehose.amazonaws.com", deliveryRole, {}), IMPLICITLY_DENIED);
            assert.equal(await assume("ses.amazonaws.com", deliveryRole, external(stack.account)), IMPLICITLY_DENIED);
        });

        test("SES publishes feedback only for this account's identities", async () => {
            const topic = stack.exports.feedbackTopicArn;
            const publish = (sourceAccount, sourceArn) => serviceRequest("ses.amazonaws.com", "sns:Publish", topic,
                { resourceAccount: stack.account, resourcePolicy: stack.topicPolicies.get(topic), sourceAccount, sourceArn });
            for (const identity of stack.identities) {
                assert.equal(await publish(stack.account, identity), ALLOWED, identity);
                assert.equal(await publish(STRANGER, elsewhere(identity, STRANGER)), IMPLICITLY_DENIED);
            }
            assert.equal(await publish(stack.account, stack.configurationSets[0]), IMPLICITLY_DENIED, "a configuration set is not an identity");
        });

        test("EventBridge rules and CloudWatch alarms of this stack publish alerts; others' do not", async () => {
            const topic = stack.exports.alertsTopicArn;
            const publish = (service, sourceArn) => serviceRequest(service, "sns:Publish", topic,
                { resourceAccount: stack.account, resourcePolicy: stack.topicPolicies.get(topic), sourceAccount: sourceArn.split(":")[4], sourceArn });
            assert.ok(stack.eventRules.length > 0 && stack.alarms.length > 0);
            for (const rule of stack.eventRules) {
                assert.equal(await publish("events.amazonaws.com", rule), ALLOWED, rule);
                assert.equal(await publish("events.amazonaws.com", elsewhere(rule, STRANGER)), IMPLICITLY_DENIED);
            }
            for (const alarm of stack.alarms) {
                assert.equal(await publish("cloudwatch.amazonaws.com", alarm), ALLOWED, alarm);
                assert.equal(await publish("cloudwatch.amazonaws.com", elsewhere(alarm, STRANGER)), IMPLICITLY_DENIED);
            }
            assert.equal(await publish("ses.amazonaws.com", stack.identities[0]), IMPLICITLY_DENIED, "SES's raw feedback goes to the feedback topic");
        });

        if (stack.bucketPolicies.size > 0) {
            test("the delivery role writes only the stream's two prefixes of its own bucket, never deletes", async () => {
                const bucketArn = stack.stream.bucketArn;
                const bucket = { bucketAccount: stack.account, bucketPolicy: stack.bucketPolicies.get(bucketArn.slice(bucketArn.lastIndexOf(":") + 1)) };
                const writer = caller(deliveryRole.arn, deliveryRole.policies);
                assert.equal(await s3Request(writer, "s3:PutObject", `${bucketArn}/partitioned/Send/2026/11/24/x.gz`, bucket), ALLOWED);
                assert.equal(await s3Request(writer, "s3:PutObject", `${bucketArn}/errorLog/processing-failed/dt=2026-11-24/x.gz`, bucket), ALLOWED);
                assert.equal(await s3Request(writer, "s3:PutObject", `${bucketArn}/athenaAdhocQueries/x.csv`, bucket), IMPLICITLY_DENIED);
                assert.equal(await s3Request(writer, "s3:DeleteObject", `${bucketArn}/partitioned/Send/2026/11/24/x.gz`, bucket), IMPLICITLY_DENIED);
                assert.equal(await s3Request(writer, "s3:PutObject", `${bucketArn}/partitioned/Send/2026/11/24/x.gz`, { ...bucket, tls: false }), EXPLICITLY_DENIED);
            });
        }
    });
}
