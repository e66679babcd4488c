import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { logGroupRetention } from "./logGroupRetention";

test("a log group with an accepted retention passes", () => {
    assert.deepEqual(checkResource(logGroupRetention, make("logGroup")), []);
});

test("no retention, or one CloudWatch refuses (the article's 35), is reported", () => {
    assert.match(checkResource(logGroupRetention, make("logGroup", p => { delete p.retentionInDays; })).join(), /forever/);
    assert.match(checkResource(logGroupRetention, make("logGroup", p => { p.retentionInDays = 35; })).join(), /does not accept a retention of 35 days/);
});

test("an unknown retention is not a violation", () => {
    assert.throws(() => checkResource(logGroupRetention, make("logGroup", p => { p.retentionInDays = UNKNOWN; })), (e: unknown) => e instanceof UnknownValueError);
});
