import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { check, render, resourcesOf } from "./check-preview";

const PREVIEWS = path.join(__dirname, "..", "..", "test-fixtures", "previews");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(PREVIEWS, name), "utf8"));

/** The dev preview with three unsafe edits: a wildcard action, a public access flag off, a missing complaint topic. */
function unsafeDev(): any {
    const doc = fixture("dev.json");
    const byName = (name: string) => doc.steps.find((s: any) => s.urn.endsWith("::" + name)).newState;
    const sesPolicy = byName("ses-to-firehose-policy").inputs;
    const policy = JSON.parse(sesPolicy.policy);
    policy.Statement[0].Action = "firehose:*";
    sesPolicy.policy = JSON.stringify(policy);
    byName("log-bucket-public-access-block").inputs.restrictPublicBuckets = false;
    doc.steps = doc.steps.filter((s: any) => !s.urn.endsWith("::identity-dev-example-com-complaint-topic"));
    return doc;
}

test("the offline preview of the dev stack passes the pack through its analyzer server", async () => {
    const violations = await check(fixture("dev.json"));
    assert.deepEqual(
        violations.filter(v => v.enforcementLevel === "mandatory"),
        [],
    );
});

test("an unsafe preview fails with the expected policies named", async () => {
    const preview = unsafeDev();
    const violations = await check(preview);
    const named = new Set(violations.filter(v => v.enforcementLevel === "mandatory").map(v => v.policyName));
    assert.deepEqual([...named].sort(), ["iam-no-wildcard-permissions", "s3-bucket-private", "ses-identity-fully-wired"]);
    const wildcard = violations.find(v => v.policyName === "iam-no-wildcard-permissions")!;
    assert.match(wildcard.urn, /ses-to-firehose-policy$/, "resource diagnostics name the resource");
    const text = render(violations, resourcesOf(preview));
    assert.match(
        text,
        /\[mandatory\] {2}ses-logs@v1\.0\.0 {2}s3-bucket-private {2}\(aws:s3\/bucketPublicAccessBlock:BucketPublicAccessBlock: log-bucket-public-access-block\)/,
    );
    assert.match(text, /Identity dev.example.com has no complaint feedback topic/);
});

test("the real engine's document, with unknown values, is checked and unknowns are not violations", async () => {
    const preview = fixture("engine-dev.json");
    assert.ok(JSON.stringify(preview).includes("04da6b54-80e4-46f7-96ec-b56ff0331ba9"), "the engine's unknown marker is in the document");
    const violations = await check(preview);
    assert.deepEqual(
        violations.filter(v => v.enforcementLevel === "mandatory"),
        [],
    );
    // The program builds every policy document from names, not from outputs: nothing waits for `up`.
    assert.deepEqual(
        violations.filter(v => /can't run policy/.test(v.message)).map(v => v.policyName),
        [],
    );
});

test("policy config reaches the pack like the engine sends it, keeping the pack's level unless it names one", async () => {
    const violations = await check(fixture("dev.json"), { "s3-bucket-lifecycle": { maxRetentionDays: 30 } });
    const lifecycle = violations.filter(v => v.policyName === "s3-bucket-lifecycle");
    assert.ok(lifecycle.some(v => /after 35 days; allowed 35-30/.test(v.message) && v.enforcementLevel === "mandatory"));
    const advisory = await check(fixture("dev.json"), { "s3-bucket-lifecycle": { enforcementLevel: "advisory", maxRetentionDays: 30 } });
    assert.ok(advisory.filter(v => v.policyName === "s3-bucket-lifecycle").every(v => v.enforcementLevel === "advisory"));
    await assert.rejects(check(fixture("dev.json"), { "s3-bucket-lifecycles": { maxRetentionDays: 30 } }), /not a policy of this pack/);
});

test("the command exits non-zero on mandatory violations and zero otherwise", () => {
    const script = path.join(__dirname, "check-preview.js");
    const unsafe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "check-preview-")), "unsafe.json");
    fs.writeFileSync(unsafe, JSON.stringify(unsafeDev()));
    assert.match(
        execFileSync(process.execPath, [script, path.join(PREVIEWS, "dev.json")], { encoding: "utf8" }),
        /no violations|0 mandatory/,
    );
    assert.throws(
        () => execFileSync(process.execPath, [script, unsafe], { encoding: "utf8", stdio: "pipe" }),
        (e: any) => e.status === 1,
    );
});

test("the README's example --policy-pack-config file is valid for this pack and tightens it", async () => {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy-config.example.json"), "utf8"));
    const violations = await check(fixture("dev.json"), config);
    assert.ok(
        violations.some(
            v =>
                v.policyName === "s3-bucket-lifecycle" &&
                v.enforcementLevel === "mandatory" &&
                /after 35 days; allowed 90-400/.test(v.message),
        ),
        "dev keeps 35 days, below the example's 90",
    );
    assert.ok(!violations.some(v => v.policyName === "glue-athena-friendly-names"), "disabled by the example");
});
