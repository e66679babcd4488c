import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { costTag } from "./costTag";

test("tagged resources pass, untaggable ones are skipped", () => {
    for (const key of ["bucket", "stream", "sesRole", "logGroup", "configurationSet", "identity", "topic", "database"] as const) {
        assert.deepEqual(checkResource(costTag, make(key)), [], key);
    }
    assert.deepEqual(checkResource(costTag, make("policy")), [], "a bucket policy has no tags");
});

test("a missing or empty cost tag is reported, under the configured key", () => {
    assert.match(checkResource(costTag, make("topic", p => { delete p.tags; })).join(), /no 'Cost' tag/);
    assert.match(checkResource(costTag, make("bucket", p => { p.tags = { Cost: " " }; })).join(), /no 'Cost' tag/);
    assert.match(checkResource(costTag, make("bucket"), { tagKey: "CostCenter" }).join(), /no 'CostCenter' tag/);
});

test("unknown tags are not a violation", () => {
    assert.throws(() => checkResource(costTag, make("bucket", p => { p.tags = UNKNOWN; })), (e: unknown) => e instanceof UnknownValueError);
});
