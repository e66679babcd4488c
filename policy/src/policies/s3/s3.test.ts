import { test } from "node:test";
import * as assert from "node:assert/strict";
import { PolicyResource } from "@pulumi/policy";
import { checkResource, checkStack, resource, UNKNOWN, UnknownValueError } from "../../testing";
import { T } from "../../types";
import { BUCKET, make, stack } from "../../fixtures";
import { s3BucketPrivate } from "./s3BucketPrivate";
import { s3BucketEncrypted } from "./s3BucketEncrypted";
import { s3BucketTlsOnly } from "./s3BucketTlsOnly";
import { s3BucketLifecycle } from "./s3BucketLifecycle";
import { s3BucketAccessLogging } from "./s3BucketAccessLogging";
import { s3BucketStorageClassReadable } from "./s3BucketStorageClassReadable";

test("the ses-logs bucket passes every S3 policy", () => {
    for (const policy of [s3BucketPrivate, s3BucketEncrypted, s3BucketTlsOnly, s3BucketLifecycle]) {
        assert.deepEqual(checkStack(policy, stack()), [], policy.name);
    }
});

test("a bucket without a public access block, or with a flag off, or a public ACL, is not private", () => {
    assert.match(checkStack(s3BucketPrivate, stack({ block: null })).join(), /has no public access block/);
    assert.match(
        checkStack(
            s3BucketPrivate,
            stack({
                block: make("block", p => {
                    p.restrictPublicBuckets = false;
                }),
            }),
        ).join(),
        /leaves restrictPublicBuckets off/,
    );
    assert.match(
        checkStack(
            s3BucketPrivate,
            stack({
                bucket: make("bucket", p => {
                    p.acl = "public-read";
                }),
            }),
        ).join(),
        /public ACL 'public-read'/,
    );
    assert.match(checkStack(s3BucketPrivate, stack({ ownership: null })).join(), /does not disable ACLs/);
});

test("a bucket without default encryption is reported", () => {
    assert.match(checkStack(s3BucketEncrypted, stack({ encryption: null })).join(), /has no default encryption/);
    assert.deepEqual(
        checkStack(
            s3BucketEncrypted,
            stack({
                encryption: make("encryption", p => {
                    p.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm = "aws:kms";
                }),
            }),
        ),
        [],
    );
});

test("a bucket whose policy does not deny plain HTTP is reported", () => {
    assert.match(checkStack(s3BucketTlsOnly, stack({ policy: null })).join(), /accepts requests without TLS/);
    const allowOnly = make("policy", p => {
        p.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] });
    });
    assert.match(checkStack(s3BucketTlsOnly, stack({ policy: allowOnly })).join(), /accepts requests without TLS/);
});

test("retention outside the configured bounds or no multipart abort is reported", () => {
    const long = make("lifecycle", p => {
        p.rules[0].expiration.days = 3650;
    });
    assert.match(checkStack(s3BucketLifecycle, stack({ lifecycle: long })).join(), /after 3650 days; allowed 35-540/);
    assert.deepEqual(
        checkStack(s3BucketLifecycle, stack({ lifecycle: long }), { maxRetentionDays: 3650 }),
        [],
        "the bound is configurable",
    );
    assert.match(
        checkStack(
            s3BucketLifecycle,
            stack({
                lifecycle: make("lifecycle", p => {
                    p.rules.pop();
                }),
            }),
        ).join(),
        /incomplete multipart uploads/,
    );
    assert.match(checkStack(s3BucketLifecycle, stack({ lifecycle: null })).join(), /never expires/);
});

test("an unknown bucket policy during preview is left to `up`, and other buckets are still checked", () => {
    assert.deepEqual(
        checkStack(
            s3BucketTlsOnly,
            stack({
                policy: make("policy", p => {
                    p.policy = UNKNOWN;
                }),
            }),
        ),
        [],
    );
    const second = resource(T.bucket, "second-bucket", { bucket: "second" });
    const violations = checkStack(s3BucketTlsOnly, [
        ...stack({
            policy: make("policy", p => {
                p.policy = UNKNOWN;
            }),
        }),
        second,
    ]);
    assert.deepEqual(
        violations.map(v => v.replace(/ \(.*/, "")),
        ["Bucket second-bucket accepts requests without TLS"],
    );
});

test("a sub-resource whose bucket id is unknown is linked to its bucket by the engine's property dependencies", () => {
    const bucket = make("bucket");
    const withUnknownBucket = (change: (p: any) => void = () => {}) =>
        make("lifecycle", p => {
            p.bucket = UNKNOWN;
            change(p);
        });
    const linked = (r: PolicyResource) => ({ ...r, propertyDependencies: { bucket: [bucket] } }) as PolicyResource;
    assert.match(
        checkStack(s3BucketLifecycle, stack({ bucket, lifecycle: withUnknownBucket() })).join(),
        /never expires/,
        "without the link the bucket has no lifecycle",
    );
    assert.deepEqual(checkStack(s3BucketLifecycle, stack({ bucket, lifecycle: linked(withUnknownBucket()) })), []);
    assert.match(
        checkStack(
            s3BucketLifecycle,
            stack({
                bucket,
                lifecycle: linked(
                    withUnknownBucket(p => {
                        p.rules[0].expiration.days = 35;
                    }),
                ),
            }),
            { maxRetentionDays: 30 },
        ).join(),
        /after 35 days; allowed 35-30/,
    );
});

test("access logging (disabled by default): a bucket with BucketLoggingV2 or v1 loggings passes, one without is reported", () => {
    assert.equal(s3BucketAccessLogging.enforcementLevel, "disabled");
    const logging = resource(T.bucketLogging, "log-bucket-logging", {
        bucket: "ses-logs-123456789012-ap-northeast-1",
        targetBucket: "access-logs",
        targetPrefix: "s3/",
    });
    assert.deepEqual(checkStack(s3BucketAccessLogging, [...stack(), logging]), []);
    assert.match(checkStack(s3BucketAccessLogging, stack()).join(), /Bucket bucket writes no server access logs/);
    assert.deepEqual(
        checkStack(s3BucketAccessLogging, [resource(T.bucketV1, "v1", { bucket: "v1", loggings: [{ targetBucket: "access-logs" }] })]),
        [],
    );
    assert.deepEqual(
        checkStack(s3BucketAccessLogging, [
            ...stack({
                bucket: make("bucket", p => {
                    p.bucket = UNKNOWN;
                }),
            }),
            { ...logging, propertyDependencies: { bucket: [] } } as PolicyResource,
        ]).length,
        1,
        "an unknown bucket name links nothing",
    );
});

test("v1 buckets: inline encryption, lifecycle and policy count; a bare v1 bucket fails all four S3 policies", () => {
    const good = make("policy", p => {
        p.policy = p.policy.split(BUCKET).join("v1-bucket");
    });
    const v1 = resource(T.bucketV1, "v1-bucket", {
        bucket: "v1-bucket",
        acl: "private",
        policy: good.props.policy,
        serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } },
        lifecycleRules: [{ enabled: true, prefix: "", expiration: { days: 400 }, abortIncompleteMultipartUploadDays: 1 }],
    });
    const block = resource(T.bucketPublicAccessBlock, "v1-block", {
        bucket: "v1-bucket",
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    const ownership = resource(T.bucketOwnershipControls, "v1-ownership", {
        bucket: "v1-bucket",
        rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    for (const policy of [s3BucketPrivate, s3BucketEncrypted, s3BucketTlsOnly, s3BucketLifecycle]) {
        assert.deepEqual(checkStack(policy, [v1, block, ownership]), [], policy.name);
        assert.equal(
            checkStack(policy, [resource(T.bucketV1, "bare", { bucket: "bare", acl: "public-read" })]).length > 0,
            true,
            policy.name,
        );
    }
    const tenYears = resource(T.bucketV1, "v1-bucket", {
        ...JSON.parse(
            JSON.stringify({
                bucket: "v1-bucket",
                lifecycleRules: [{ enabled: true, expiration: { days: 3650 }, abortIncompleteMultipartUploadDays: 1 }],
            }),
        ),
    });
    assert.match(checkStack(s3BucketLifecycle, [tenYears]).join(), /Bucket v1-bucket expires objects after 3650 days/);
});

test("storage class: transitions to classes Athena reads, early enough, pass", () => {
    const moving = (storageClass: string, days: number, expiry = 400) =>
        make("lifecycle", p => {
            p.rules[0].expiration.days = expiry;
            p.rules.push({ id: "move", status: "Enabled", filter: { prefix: "partitioned/" }, transitions: [{ days, storageClass }] });
        });
    assert.deepEqual(checkResource(s3BucketStorageClassReadable, make("lifecycle")), []);
    assert.deepEqual(checkResource(s3BucketStorageClassReadable, moving("GLACIER_IR", 90)), []);
    assert.deepEqual(checkResource(s3BucketStorageClassReadable, moving("STANDARD_IA", 30)), []);
    assert.match(
        checkResource(s3BucketStorageClassReadable, moving("GLACIER", 90)).join(),
        /lifecycle moves objects under 'partitioned\/' to GLACIER after 90 days: Athena cannot read GLACIER without a restore/,
    );
    assert.match(checkResource(s3BucketStorageClassReadable, moving("DEEP_ARCHIVE", 30)).join(), /Athena cannot read DEEP_ARCHIVE/);
    assert.match(
        checkResource(s3BucketStorageClassReadable, moving("GLACIER_IR", 350)).join(),
        /expire at 400 days and GLACIER_IR bills at least 90 days. Fix: move at day 310 or earlier/,
    );
    assert.deepEqual(
        checkResource(s3BucketStorageClassReadable, moving("GLACIER", 90), { allowedStorageClasses: ["GLACIER"] }),
        [],
        "configurable",
    );
    const v1 = resource(T.bucketV1, "v1", {
        bucket: "v1",
        lifecycleRules: [
            { enabled: true, prefix: "", expiration: { days: 100 }, transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }] },
        ],
    });
    assert.equal(
        checkResource(s3BucketStorageClassReadable, v1).length,
        2,
        "v1 inline rules too: unreadable class, and 70 days left of DEEP_ARCHIVE's 180",
    );
    assert.throws(
        () =>
            checkResource(
                s3BucketStorageClassReadable,
                make("lifecycle", p => {
                    p.rules = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("lifecycle: a rule Firehose's objects cannot match does not expire them", () => {
    const withExpiry = (filter: any) =>
        make("lifecycle", p => {
            p.rules[0].filter = filter;
        });
    assert.match(
        checkStack(s3BucketLifecycle, stack({ lifecycle: withExpiry({ tag: { key: "k", value: "v" } }) })).join(),
        /never expires its objects under partitioned\/, errorLog\//,
    );
    assert.match(
        checkStack(s3BucketLifecycle, stack({ lifecycle: withExpiry({ and: { prefix: "", tags: { k: "v" } } }) })).join(),
        /never expires/,
    );
    assert.match(checkStack(s3BucketLifecycle, stack({ lifecycle: withExpiry({ objectSizeGreaterThan: 1024 }) })).join(), /never expires/);
    assert.match(
        checkStack(s3BucketLifecycle, stack({ lifecycle: withExpiry({ prefix: "partitioned/" }) })).join(),
        /never expires its objects under errorLog\/ \(/,
    );
    assert.deepEqual(
        checkStack(s3BucketLifecycle, stack({ stream: null, lifecycle: withExpiry({ prefix: "partitioned/" }) }), {
            firehosePrefixes: ["partitioned/"],
        }),
        [],
        "configurable folders (without a stream of the stack writing errorLog/)",
    );
    const perFolder = make("lifecycle", p => {
        p.rules[0].filter = { prefix: "partitioned/" };
        p.rules.push({ ...p.rules[0], filter: { prefix: "errorLog/" } });
    });
    assert.deepEqual(checkStack(s3BucketLifecycle, stack({ lifecycle: perFolder })), []);
    const earlierWins = make("lifecycle", p => {
        p.rules[0].expiration.days = 3650;
        p.rules.push({ status: "Enabled", filter: { prefix: "" }, expiration: { days: 400 } });
    });
    assert.deepEqual(checkStack(s3BucketLifecycle, stack({ lifecycle: earlierWins })), [], "S3 applies the earliest expiration");
});

test("lifecycle: the stack's stream prefixes must be covered too", () => {
    const elsewhere = make("stream", p => {
        p.extendedS3Configuration.prefix = "events/!{partitionKeyFromQuery:EventType}/";
    });
    assert.match(
        checkStack(
            s3BucketLifecycle,
            stack({
                stream: elsewhere,
                lifecycle: make("lifecycle", p => {
                    p.rules[0].filter.prefix = "partitioned/";
                    p.rules.push({ ...p.rules[0], filter: { prefix: "errorLog/" } });
                }),
            }),
        ).join(),
        /never expires its objects under events\//,
    );
});

test("lifecycle: versioned buckets expire noncurrent versions", () => {
    const versioning = resource(T.bucketVersioning, "versioning", { bucket: BUCKET, versioningConfiguration: { status: "Enabled" } });
    assert.match(
        checkStack(s3BucketLifecycle, [...stack(), versioning]).join(),
        /keeps versions but never expires noncurrent versions under partitioned\/, errorLog\//,
    );
    const expiring = make("lifecycle", p => {
        p.rules.push({ status: "Enabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: 30 } });
    });
    assert.deepEqual(checkStack(s3BucketLifecycle, [...stack({ lifecycle: expiring }), versioning]), []);
    const suspended = resource(T.bucketVersioning, "versioning", { bucket: BUCKET, versioningConfiguration: { status: "Suspended" } });
    assert.match(
        checkStack(s3BucketLifecycle, [...stack(), suspended]).join(),
        /noncurrent/,
        "suspended versioning keeps the old versions",
    );
    const v1 = resource(T.bucketV1, "v1", {
        bucket: "v1",
        versioning: { enabled: true },
        lifecycleRules: [{ enabled: true, prefix: "", expiration: { days: 400 }, abortIncompleteMultipartUploadDays: 1 }],
    });
    assert.match(checkStack(s3BucketLifecycle, [v1]).join(), /Bucket v1 keeps versions/);
});

test("TLS only: a deny narrowed to one action, principal or folder leaves plain HTTP open", () => {
    const narrowed = (change: (s: any) => void) =>
        make("policy", p => {
            const d = JSON.parse(p.policy);
            change(d.Statement[0]);
            p.policy = JSON.stringify(d);
        });
    assert.match(
        checkStack(
            s3BucketTlsOnly,
            stack({
                policy: narrowed(s => {
                    s.Action = "s3:GetObject";
                }),
            }),
        ).join(),
        /s3:ListBucket on the bucket by an anonymous caller/,
    );
    assert.match(
        checkStack(
            s3BucketTlsOnly,
            stack({
                policy: narrowed(s => {
                    s.Principal = { AWS: "arn:aws:iam::123456789012:root" };
                }),
            }),
        ).join(),
        /accepts requests without TLS/,
    );
    assert.match(
        checkStack(
            s3BucketTlsOnly,
            stack({
                policy: narrowed(s => {
                    s.Resource = `arn:aws:s3:::${BUCKET}`;
                }),
            }),
        ).join(),
        /on an object/,
    );
    assert.match(
        checkStack(
            s3BucketTlsOnly,
            stack({
                policy: narrowed(s => {
                    s.Condition.StringEquals = { "aws:PrincipalAccount": "123456789012" };
                }),
            }),
        ).join(),
        /accepts requests without TLS/,
        "an extra condition narrows the deny",
    );
    assert.deepEqual(
        checkStack(
            s3BucketTlsOnly,
            stack({
                policy: narrowed(s => {
                    s.Action = "*";
                    s.Principal = { AWS: "*" };
                }),
            }),
        ),
        [],
    );
});
