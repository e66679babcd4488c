import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, checkStack, resource, UNKNOWN, UnknownValueError } from "../../testing";
import { make, stack } from "../../fixtures";
import { T } from "../../types";
import { cloudwatchLogGroupRetention } from "./cloudwatchLogGroupRetention";
import { cloudwatchFirehoseLogGroupRetention } from "./cloudwatchFirehoseLogGroupRetention";

test("a log group with an accepted retention passes", () => {
    assert.deepEqual(checkResource(cloudwatchLogGroupRetention, make("logGroup")), []);
});

test("no retention, or one CloudWatch refuses (the article's 35), is reported", () => {
    assert.match(
        checkResource(
            cloudwatchLogGroupRetention,
            make("logGroup", p => {
                delete p.retentionInDays;
            }),
        ).join(),
        /forever/,
    );
    assert.match(
        checkResource(
            cloudwatchLogGroupRetention,
            make("logGroup", p => {
                p.retentionInDays = 35;
            }),
        ).join(),
        /does not accept a retention of 35 days/,
    );
});

test("an unknown retention is not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                cloudwatchLogGroupRetention,
                make("logGroup", p => {
                    p.retentionInDays = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("the Firehose error log group keeps logs within the bucket's bounds, rounded up to a period CloudWatch accepts", () => {
    const at = (days: number) =>
        stack({
            logGroup: make("logGroup", p => {
                p.retentionInDays = days;
            }),
        });
    assert.deepEqual(checkStack(cloudwatchFirehoseLogGroupRetention, stack()), []);
    assert.match(
        checkStack(cloudwatchFirehoseLogGroupRetention, at(1)).join(),
        /Log group logGroup \(\/aws\/firehose\/.*\) holds Firehose's delivery errors for 1 days; allowed 35-545 days/,
    );
    assert.match(checkStack(cloudwatchFirehoseLogGroupRetention, at(731)).join(), /731 days; allowed 35-545/);
    assert.deepEqual(checkStack(cloudwatchFirehoseLogGroupRetention, at(545)), [], "540 rounds up to 545, as the program does");
    assert.match(checkStack(cloudwatchFirehoseLogGroupRetention, at(400), { maxRetentionDays: 365 }).join(), /allowed 35-365/);
    const unrelated = resource(T.logGroup, "other", { name: "/other", retentionInDays: 1 });
    assert.deepEqual(checkStack(cloudwatchFirehoseLogGroupRetention, [...stack(), unrelated]), [], "only the groups the streams log to");
});
