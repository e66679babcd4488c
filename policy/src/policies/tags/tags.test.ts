import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { costTagOnTaggableResources } from "./costTagOnTaggableResources";

test("tagged resources pass, untaggable ones are skipped", () => {
    for (const key of ["bucket", "stream", "sesRole", "logGroup", "configurationSet", "identity", "topic", "database"] as const) {
        assert.deepEqual(checkResource(costTagOnTaggableResources, make(key)), [], key);
    }
    assert.deepEqual(checkResource(costTagOnTaggableResources, make("policy")), [], "a bucket policy has no tags");
});

test("a missing or empty cost tag is reported, under the configured key", () => {
    assert.match(
        checkResource(
            costTagOnTaggableResources,
            make("topic", p => {
                delete p.tags;
            }),
        ).join(),
        /has no 'Cost' tag/,
    );
    assert.match(
        checkResource(
            costTagOnTaggableResources,
            make("bucket", p => {
                p.tags = { Cost: " " };
            }),
        ).join(),
        /has no 'Cost' tag/,
    );
    assert.match(checkResource(costTagOnTaggableResources, make("bucket"), { tagKey: "CostCenter" }).join(), /no 'CostCenter' tag/);
});

test("unknown tags are not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                costTagOnTaggableResources,
                make("bucket", p => {
                    p.tags = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

const provider = { props: { defaultTags: JSON.stringify({ tags: { Cost: "SES-dev" } }) } };

test("the cost tag must carry the stack's value (provider defaultTags, or tagValue), and is mandatory", () => {
    assert.equal(costTagOnTaggableResources.enforcementLevel, "mandatory");
    assert.match(
        checkResource(costTagOnTaggableResources, make("topic"), {}, provider).join(),
        /topic's 'Cost' tag is 'SES', not the stack's 'SES-dev'/,
    );
    assert.deepEqual(
        checkResource(
            costTagOnTaggableResources,
            make("topic", p => {
                p.tags.Cost = "SES-dev";
            }),
            {},
            provider,
        ),
        [],
    );
    assert.match(checkResource(costTagOnTaggableResources, make("topic"), { tagValue: "Mail" }).join(), /not the stack's 'Mail'/);
    assert.match(
        checkResource(
            costTagOnTaggableResources,
            make("topic", p => {
                delete p.tags;
            }),
            {},
            provider,
        ).join(),
        /topic has no 'Cost' tag.*Fix: add tags.Cost = 'SES-dev'/,
    );
});
