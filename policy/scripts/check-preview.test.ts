import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { check, render, resourcesOf } from "./check-preview";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "test-fixtures", name), "utf8"));

test("the offline preview of the dev stack passes the pack through its analyzer server", async () => {
    const violations = await check(fixture("safe-preview.json"));
    assert.deepEqual(violations.filter(v => v.enforcementLevel === "mandatory"), []);
});

test("an unsafe preview fails with the expected policies named", async () => {
    const preview = fixture("unsafe-preview.json");
    const violations = await check(preview);
    const named = new Set(violations.filter(v => v.enforcementLevel === "mandatory").map(v => v.policyName));
    assert.deepEqual([...named].sort(), ["iam-no-wildcard-permissions", "s3-log-bucket-private", "ses-identity-fully-wired"]);
    const wildcard = violations.find(v => v.policyName === "iam-no-wildcard-permissions")!;
    assert.match(wildcard.urn, /ses-to-firehose-policy$/, "resource diagnostics name the resource");
    const text = render(violations, resourcesOf(preview));
    assert.match(text, /\[mandatory\]  ses-logs@v1.0.0  s3-log-bucket-private  \(aws:s3\/bucketV2:BucketV2: log-bucket\)/);
    assert.match(text, /Identity dev.example.com has no complaint feedback topic/);
});

test("a document in the CLI's own shape, with unknown values, is checked and unknowns are not violations", async () => {
    const violations = await check(fixture("cli-shaped-preview.json"));
    assert.deepEqual(violations.filter(v => v.enforcementLevel === "mandatory"), []);
    const unknown = violations.find(v => v.policyName === "ses-identity-fully-wired");
    assert.ok(unknown, "the identity policy cannot run on an unknown topic ARN");
    assert.equal(unknown!.enforcementLevel, "advisory");
    assert.match(unknown!.message, /can't run policy/);
});

test("policy config reaches the pack like the engine sends it", async () => {
    const violations = await check(fixture("safe-preview.json"), { "s3-log-bucket-lifecycle": { maxRetentionDays: 30 } });
    assert.ok(violations.some(v => v.policyName === "s3-log-bucket-lifecycle" && /after 35 days; allowed 35-30/.test(v.message)));
});

test("the command exits non-zero on mandatory violations and zero otherwise", () => {
    const script = path.join(__dirname, "check-preview.js");
    const safe = path.join(__dirname, "..", "..", "test-fixtures", "safe-preview.json");
    const unsafe = path.join(__dirname, "..", "..", "test-fixtures", "unsafe-preview.json");
    assert.match(execFileSync(process.execPath, [script, safe], { encoding: "utf8" }), /no violations/);
    assert.throws(() => execFileSync(process.execPath, [script, unsafe], { encoding: "utf8", stdio: "pipe" }), (e: any) => e.status === 1);
});
