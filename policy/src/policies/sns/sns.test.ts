import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { feedbackTopicUsable } from "./feedbackTopicUsable";

test("a standard topic passes, with or without a customer managed key", () => {
    assert.deepEqual(checkResource(feedbackTopicUsable, make("topic")), []);
    assert.deepEqual(checkResource(feedbackTopicUsable, make("topic", p => { p.kmsMasterKeyId = "arn:aws:kms:ap-northeast-1:123456789012:key/abc"; })), []);
});

test("a FIFO topic or the AWS managed SNS key is reported", () => {
    assert.match(checkResource(feedbackTopicUsable, make("topic", p => { p.fifoTopic = true; })).join(), /FIFO/);
    assert.match(checkResource(feedbackTopicUsable, make("topic", p => { p.kmsMasterKeyId = "alias/aws/sns"; })).join(), /alias\/aws\/sns/);
});

test("an unknown key id is not a violation", () => {
    assert.throws(() => checkResource(feedbackTopicUsable, make("topic", p => { p.kmsMasterKeyId = UNKNOWN; })), (e: unknown) => e instanceof UnknownValueError);
});
