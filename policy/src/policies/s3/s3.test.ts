import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkStack, UNKNOWN, UnknownValueError } from "../../testing";
import { make, stack } from "../../fixtures";
import { logBucketPrivate } from "./logBucketPrivate";
import { logBucketEncrypted } from "./logBucketEncrypted";
import { logBucketTlsOnly } from "./logBucketTlsOnly";
import { logBucketLifecycle } from "./logBucketLifecycle";

test("the ses-logs bucket passes every S3 policy", () => {
    for (const policy of [logBucketPrivate, logBucketEncrypted, logBucketTlsOnly, logBucketLifecycle]) {
        assert.deepEqual(checkStack(policy, stack()), [], policy.name);
    }
});

test("a bucket without a public access block, or with a flag off, or a public ACL, is not private", () => {
    assert.match(checkStack(logBucketPrivate, stack({ block: null })).join(), /has no public access block/);
    assert.match(checkStack(logBucketPrivate, stack({ block: make("block", p => { p.restrictPublicBuckets = false; }) })).join(), /leaves restrictPublicBuckets off/);
    assert.match(checkStack(logBucketPrivate, stack({ bucket: make("bucket", p => { p.acl = "public-read"; }) })).join(), /public ACL 'public-read'/);
    assert.match(checkStack(logBucketPrivate, stack({ ownership: null })).join(), /does not disable ACLs/);
});

test("a bucket without default encryption is reported", () => {
    assert.match(checkStack(logBucketEncrypted, stack({ encryption: null })).join(), /has no default encryption/);
    assert.deepEqual(checkStack(logBucketEncrypted, stack({ encryption: make("encryption", p => { p.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm = "aws:kms"; }) })), []);
});

test("a bucket whose policy does not deny plain HTTP is reported", () => {
    assert.match(checkStack(logBucketTlsOnly, stack({ policy: null })).join(), /accepts requests without TLS/);
    const allowOnly = make("policy", p => { p.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] }); });
    assert.match(checkStack(logBucketTlsOnly, stack({ policy: allowOnly })).join(), /accepts requests without TLS/);
});

test("retention outside the configured bounds or no multipart abort is reported", () => {
    const long = make("lifecycle", p => { p.rules[0].expiration.days = 3650; });
    assert.match(checkStack(logBucketLifecycle, stack({ lifecycle: long })).join(), /after 3650 days; allowed 35-540/);
    assert.deepEqual(checkStack(logBucketLifecycle, stack({ lifecycle: long }), { maxRetentionDays: 3650 }), [], "the bound is configurable");
    assert.match(checkStack(logBucketLifecycle, stack({ lifecycle: make("lifecycle", p => { p.rules.pop(); }) })).join(), /incomplete multipart uploads/);
    assert.match(checkStack(logBucketLifecycle, stack({ lifecycle: null })).join(), /never expires/);
});

test("an unknown bucket policy during preview is not a violation but an unknown value", () => {
    assert.throws(() => checkStack(logBucketTlsOnly, stack({ policy: make("policy", p => { p.policy = UNKNOWN; }) })),
        (e: unknown) => e instanceof UnknownValueError);
});
