import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { snsTopicUsableBySes } from "./snsTopicUsableBySes";
import { snsTopicTlsOnly } from "./snsTopicTlsOnly";
import { snsTopicEncrypted } from "./snsTopicEncrypted";

test("a standard topic passes, with or without a customer managed key", () => {
    assert.deepEqual(checkResource(snsTopicUsableBySes, make("topic")), []);
    assert.deepEqual(
        checkResource(
            snsTopicUsableBySes,
            make("topic", p => {
                p.kmsMasterKeyId = "arn:aws:kms:ap-northeast-1:123456789012:key/abc";
            }),
        ),
        [],
    );
});

test("a FIFO topic or the AWS managed SNS key is reported", () => {
    assert.match(
        checkResource(
            snsTopicUsableBySes,
            make("topic", p => {
                p.fifoTopic = true;
            }),
        ).join(),
        /FIFO/,
    );
    assert.match(
        checkResource(
            snsTopicUsableBySes,
            make("topic", p => {
                p.kmsMasterKeyId = "alias/aws/sns";
            }),
        ).join(),
        /alias\/aws\/sns/,
    );
});

test("an unknown key id is not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                snsTopicUsableBySes,
                make("topic", p => {
                    p.kmsMasterKeyId = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("TLS only: the feedback topic's policy denies publishing without TLS", () => {
    assert.deepEqual(checkResource(snsTopicTlsOnly, make("topicPolicy")), []);
});

test("TLS only: a topic policy without the deny fails, naming it", () => {
    const open = make("topicPolicy", p => {
        const d = JSON.parse(p.policy);
        d.Statement.pop();
        p.policy = JSON.stringify(d);
    });
    assert.match(
        checkResource(snsTopicTlsOnly, open).join(),
        /The topic policy topicPolicy lets callers in without TLS \(sns:Publish on the topic by an anonymous caller/,
    );
    const subscribeOnly = make("topicPolicy", p => {
        const d = JSON.parse(p.policy);
        d.Statement[1].Action = "sns:Subscribe";
        p.policy = JSON.stringify(d);
    });
    assert.equal(checkResource(snsTopicTlsOnly, subscribeOnly).length, 1, "the deny must cover sns:Publish");
});

test("TLS only: an unknown policy is an unknown value, not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                snsTopicTlsOnly,
                make("topicPolicy", p => {
                    p.policy = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("encrypted (advisory): a topic with a key passes; without one it is reported with the option that fixes it", () => {
    assert.deepEqual(
        checkResource(
            snsTopicEncrypted,
            make("topic", p => {
                p.kmsMasterKeyId = "arn:aws:kms:ap-northeast-1:123456789012:key/k";
            }),
        ),
        [],
    );
    assert.match(
        checkResource(snsTopicEncrypted, make("topic")).join(),
        /Topic ses-logs-feedback is not encrypted at rest. Fix: set ses-logs:customerManagedKey/,
    );
    assert.equal(snsTopicEncrypted.enforcementLevel, "advisory");
    assert.throws(
        () =>
            checkResource(
                snsTopicEncrypted,
                make("topic", p => {
                    p.kmsMasterKeyId = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});
