import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { trustScopedToSource } from "./trustScopedToSource";
import { noWildcardPermissions } from "./noWildcardPermissions";

const trust = (statement: object) => make("sesRole", p => { p.assumeRolePolicy = JSON.stringify({ Statement: [statement] }); });
const permissions = (statement: object) => make("sesRolePolicy", p => { p.policy = JSON.stringify({ Statement: [statement] }); });

test("the ses-logs roles pass", () => {
    assert.deepEqual(checkResource(trustScopedToSource, make("sesRole")), []);
    assert.deepEqual(checkResource(noWildcardPermissions, make("sesRolePolicy")), []);
    const firehose = trust({ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": "123456789012" } } });
    assert.deepEqual(checkResource(trustScopedToSource, firehose), [], "Firehose's documented condition is sts:ExternalId");
});

test("a service trust without source condition, or a wildcard trust, is reported", () => {
    assert.match(checkResource(trustScopedToSource, trust({ Effect: "Allow", Principal: { Service: "ses.amazonaws.com" }, Action: "sts:AssumeRole" })).join(),
        /trusts ses.amazonaws.com without/);
    assert.match(checkResource(trustScopedToSource, trust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })).join(), /any principal/);
    assert.deepEqual(checkResource(trustScopedToSource, trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })), [],
        "only the configured services need source conditions");
});

test("wildcard actions and resources are reported, unless allow-listed", () => {
    assert.match(checkResource(noWildcardPermissions, permissions({ Sid: "All", Effect: "Allow", Action: "firehose:*", Resource: "arn:aws:firehose:::x" })).join(), /allows firehose:\*/);
    assert.match(checkResource(noWildcardPermissions, permissions({ Sid: "Star", Effect: "Allow", Action: "*", Resource: "*" })).join(), /allows \*/);
    const anyResource = permissions({ Sid: "Any", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" });
    assert.match(checkResource(noWildcardPermissions, anyResource).join(), /on every resource/);
    assert.deepEqual(checkResource(noWildcardPermissions, anyResource, { actionsAllowedOnAnyResource: ["cloudwatch:PutMetricData"] }), []);
    assert.deepEqual(checkResource(noWildcardPermissions, permissions({ Effect: "Deny", Action: "*", Resource: "*" })), [], "denies may be broad");
});

test("an unknown policy document is not a violation but an unknown value", () => {
    assert.throws(() => checkResource(noWildcardPermissions, make("sesRolePolicy", p => { p.policy = UNKNOWN; })), (e: unknown) => e instanceof UnknownValueError);
    assert.throws(() => checkResource(trustScopedToSource, make("sesRole", p => { p.assumeRolePolicy = UNKNOWN; })), (e: unknown) => e instanceof UnknownValueError);
});
