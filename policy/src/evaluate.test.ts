import { test } from "node:test";
import * as assert from "node:assert/strict";
import { ABSENT, applies, arnLike, certainlyDenied, foreignAccount, mayAllow, reachesUnowned, serviceContext } from "./evaluate";
import { Statement } from "./iam";
import { foreignGrants } from "./principals";

const deny = (extra: Partial<Statement>): Statement => ({
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: "*",
    Condition: { Bool: { "aws:SecureTransport": "false" } },
    ...extra,
});
const plain = {
    principal: "*" as const,
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    context: { "aws:SecureTransport": "false" },
};

test("ArnLike compares field by field: a wildcard does not span a colon", () => {
    assert.equal(arnLike("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y"), true);
    assert.equal(arnLike("arn:aws:ses:*:111111111111:identity/*", "arn:aws:ses:eu-west-1:111111111111:identity/a"), true);
    assert.equal(
        arnLike("arn:aws:ses:*:identity/x", "arn:aws:ses:eu-west-1:111111111111:identity/x"),
        false,
        "'*' is one field, not region and account",
    );
});

test("a TLS deny applies for certain only when nothing but aws:SecureTransport conditions it", () => {
    assert.equal(applies(deny({}), plain), true);
    assert.equal(applies(deny({ Action: "s3:PutObject" }), plain), false);
    assert.equal(
        applies(deny({ Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "1" } } }), plain),
        "maybe",
        "an extra condition on an unknown key narrows it",
    );
    assert.equal(
        applies(deny({ Principal: { AWS: "arn:aws:iam::111111111111:root" } }), plain),
        false,
        "the anonymous caller is not that account",
    );
    assert.equal(applies(deny({ Principal: { AWS: "*" } }), plain), true, "{AWS: '*'} is '*'");
    assert.equal(applies(deny({ NotAction: "s3:GetObject", Action: undefined }), plain), false);
    assert.equal(
        applies(deny({ Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }), {
            ...plain,
            context: { "aws:SecureTransport": ABSENT },
        }),
        true,
    );
    assert.equal(certainlyDenied([deny({ Resource: "arn:aws:s3:::b" })], plain), false, "objects are not the bucket");
});

test("absent keys: plain operators fail, negated and IfExists ones hold, Null says which", () => {
    const s = (Condition: any): Statement => ({ Effect: "Allow", Principal: "*", Action: "*", Condition });
    const probe = { principal: "*" as const, action: "x:Y", context: { "aws:SourceAccount": ABSENT } };
    assert.equal(applies(s({ StringEquals: { "aws:SourceAccount": "1" } }), probe), false);
    assert.equal(applies(s({ StringNotEquals: { "aws:SourceAccount": "1" } }), probe), true);
    assert.equal(applies(s({ StringEqualsIfExists: { "aws:SourceAccount": "1" } }), probe), true);
    assert.equal(applies(s({ Null: { "aws:SourceAccount": "true" } }), probe), true);
    assert.equal(applies(s({ Null: { "aws:SourceAccount": "false" } }), probe), false);
});

test("a service acting for another account: SourceArn with a wildcard account lets it in, this account's does not", () => {
    const trust = (Condition: any): Statement[] => [
        { Effect: "Allow", Principal: { Service: "ses.amazonaws.com" }, Action: "sts:AssumeRole", Condition },
    ];
    const probe = { principal: { Service: "ses.amazonaws.com" }, action: "sts:AssumeRole", context: serviceContext("000000000000") };
    assert.equal(mayAllow(trust({ ArnLike: { "aws:SourceArn": "arn:aws:ses:eu-west-1:*:configuration-set/x" } }), probe).length, 1);
    assert.equal(
        mayAllow(trust({ ArnLike: { "aws:SourceArn": "arn:aws:ses:eu-west-1:111111111111:configuration-set/*" } }), probe).length,
        0,
    );
    assert.equal(mayAllow(trust({ StringEquals: { "aws:SourceAccount": "111111111111" } }), probe).length, 0);
    assert.equal(mayAllow(trust({ StringLike: { "aws:SourceAccount": "*" } }), probe).length, 1);
    assert.equal(mayAllow(trust({ StringEquals: { "sts:ExternalId": "111111111111" } }), probe).length, 0);
    assert.equal(mayAllow(trust(undefined), probe).length, 1);
});

test("resource patterns reach unowned resources through wildcards above the resource's own name", () => {
    for (const broad of [
        "*",
        "arn:aws:s3:::*/*",
        "arn:aws:s3:::ses-logs-*/*",
        "arn:aws:sns:*:*:*",
        "arn:aws:sns:eu-west-1:111111111111:*",
        "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/firehose/*",
        "arn:aws:firehose:*:111111111111:deliverystream/x",
    ]) {
        assert.equal(reachesUnowned(broad), true, broad);
    }
    for (const narrow of [
        "arn:aws:s3:::b/partitioned/*",
        "arn:aws:s3:::b",
        "arn:aws:logs:eu-west-1:1:log-group:/aws/firehose/x:log-stream:*",
        "arn:aws:sns:eu-west-1:111111111111:ses-logs-feedback",
    ]) {
        assert.equal(reachesUnowned(narrow), false, narrow);
    }
});

test("the probe account is never one of the stack's", () => {
    assert.equal(foreignAccount(["000000000000", "000000000001"]), "000000000002");
});

test("foreign grants: a Deny that certainly refuses other accounts guards an open Allow; a grant to a named role of another account is found", () => {
    const open: Statement = { Sid: "Open", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    assert.deepEqual(
        foreignGrants([open], ["111111111111"]).map(g => `${g.statement.Sid} ${g.kind}`),
        ["Open everyone"],
    );
    const guard: Statement = {
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:PrincipalAccount": "111111111111" } },
    };
    assert.deepEqual(
        foreignGrants([open, guard], ["111111111111"]).map(g => g.kind),
        [],
        "the guard stops other accounts' principals, and services too: StringNotEquals holds when the key is absent",
    );
    const named: Statement = {
        Sid: "Partner",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::999999999999:role/reader" },
        Action: "s3:GetObject",
    };
    assert.deepEqual(
        foreignGrants([named], ["111111111111"]).map(g => `${g.kind} ${g.who}`),
        ["account 999999999999"],
    );
    assert.deepEqual(foreignGrants([named], ["111111111111", "999999999999"]), [], "a trusted account is own");
});
