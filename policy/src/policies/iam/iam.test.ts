import { test } from "node:test";
import * as assert from "node:assert/strict";
import { PolicyResource } from "@pulumi/policy";
import { checkResource, checkStack, resource, UNKNOWN, UnknownValueError } from "../../testing";
import { T } from "../../types";
import { iamNoAwsManagedPolicies } from "./iamNoAwsManagedPolicies";
import { iamRolePoliciesManagedOneWay } from "./iamRolePoliciesManagedOneWay";
import { make } from "../../fixtures";
import { iamTrustScopedToSource } from "./iamTrustScopedToSource";
import { iamNoWildcardPermissions } from "./iamNoWildcardPermissions";
import { resourcePolicyPrincipalsNarrowed } from "./resourcePolicyPrincipalsNarrowed";

const trust = (statement: object) =>
    make("sesRole", p => {
        p.assumeRolePolicy = JSON.stringify({ Statement: [statement] });
    });
const permissions = (statement: object) =>
    make("sesRolePolicy", p => {
        p.policy = JSON.stringify({ Statement: [statement] });
    });

test("the ses-logs roles pass", () => {
    assert.deepEqual(checkResource(iamTrustScopedToSource, make("sesRole")), []);
    assert.deepEqual(checkResource(iamNoWildcardPermissions, make("sesRolePolicy")), []);
    const firehose = trust({
        Effect: "Allow",
        Principal: { Service: "firehose.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": "123456789012" } },
    });
    assert.deepEqual(checkResource(iamTrustScopedToSource, firehose), [], "Firehose's documented condition is sts:ExternalId");
});

test("a service trust without source condition, or a wildcard trust, is reported", () => {
    assert.match(
        checkResource(
            iamTrustScopedToSource,
            trust({ Effect: "Allow", Principal: { Service: "ses.amazonaws.com" }, Action: "sts:AssumeRole" }),
        ).join(),
        /trusts ses.amazonaws.com without/,
    );
    assert.match(
        checkResource(iamTrustScopedToSource, trust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })).join(),
        /any principal/,
    );
    assert.deepEqual(
        checkResource(
            iamTrustScopedToSource,
            trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
        ),
        [],
        "only the configured services need source conditions",
    );
});

test("wildcard actions and resources are reported, unless allow-listed", () => {
    assert.match(
        checkResource(
            iamNoWildcardPermissions,
            permissions({ Sid: "All", Effect: "Allow", Action: "firehose:*", Resource: "arn:aws:firehose:::x" }),
        ).join(),
        /allows firehose:\*/,
    );
    assert.match(
        checkResource(iamNoWildcardPermissions, permissions({ Sid: "Star", Effect: "Allow", Action: "*", Resource: "*" })).join(),
        /allows \*/,
    );
    const anyResource = permissions({ Sid: "Any", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" });
    assert.match(checkResource(iamNoWildcardPermissions, anyResource).join(), /on '\*', which reaches resources this stack does not own/);
    assert.deepEqual(
        checkResource(iamNoWildcardPermissions, anyResource, { actionsAllowedOnAnyResource: ["cloudwatch:PutMetricData"] }),
        [],
    );
    assert.deepEqual(
        checkResource(iamNoWildcardPermissions, permissions({ Effect: "Deny", Action: "*", Resource: "*" })),
        [],
        "denies may be broad",
    );
});

test("an unknown policy document is not a violation but an unknown value", () => {
    assert.throws(
        () =>
            checkResource(
                iamNoWildcardPermissions,
                make("sesRolePolicy", p => {
                    p.policy = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
    assert.throws(
        () =>
            checkResource(
                iamTrustScopedToSource,
                make("sesRole", p => {
                    p.assumeRolePolicy = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

const allowing = (statement: object) =>
    make("topicPolicy", p => {
        const policy = JSON.parse(p.policy);
        policy.Statement.push(statement);
        p.policy = JSON.stringify(policy);
    });
const provider = {
    type: "pulumi:providers:aws",
    urn: "urn:pulumi:test::ses-logs::pulumi:providers:aws::aws",
    name: "aws",
    props: { allowedAccountIds: '["123456789012"]' },
};
const withProvider = (r: any) => checkResource(resourcePolicyPrincipalsNarrowed, r, {}, provider);

test("resource policies: the feedback topic's policy passes; own-account and conditioned principals pass", () => {
    assert.deepEqual(withProvider(make("topicPolicy")), []);
    assert.deepEqual(
        withProvider(
            allowing({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sns:Subscribe", Resource: "*" }),
        ),
        [],
    );
    assert.deepEqual(
        withProvider(
            allowing({
                Effect: "Allow",
                Principal: "*",
                Action: "sns:Publish",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
            }),
        ),
        [],
    );
});

test("resource policies: everyone, an unconditioned service, another account, NotPrincipal and NotAction fail", () => {
    assert.match(
        withProvider(allowing({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "*" })).join(),
        /Statement Open of the topic policy of topicPolicy allows everyone/,
    );
    assert.match(
        withProvider(
            allowing({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: "*" }),
        ).join(),
        /allows the service events.amazonaws.com for any account \(confused deputy\)/,
    );
    const stranger = allowing({
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::999999999999:role/x" },
        Action: "sns:Publish",
        Resource: "*",
    });
    assert.match(withProvider(stranger).join(), /allows account 999999999999/);
    assert.deepEqual(
        checkResource(resourcePolicyPrincipalsNarrowed, stranger, { trustedAccounts: ["999999999999"] }, provider),
        [],
        "trusted by config",
    );
    assert.match(
        withProvider(
            allowing({
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "sns:Publish",
                Resource: "*",
                Condition: { StringLike: { "aws:SourceArn": "*" } },
            }),
        ).join(),
        /allows everyone/,
        "a '*' condition narrows nothing",
    );
    assert.match(
        withProvider(
            allowing({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sns:Publish", Resource: "*" }),
        ).join(),
        /NotPrincipal/,
    );
    assert.match(
        withProvider(
            allowing({
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::123456789012:root" },
                NotAction: "sns:DeleteTopic",
                Resource: "*",
            }),
        ).join(),
        /NotAction/,
    );
});

test("resource policies: an unknown policy document is an unknown value, not a violation", () => {
    assert.throws(
        () =>
            withProvider(
                make("topicPolicy", p => {
                    p.policy = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("AWS managed policies: a role with its own policies passes; managed ARNs inline or attached fail", () => {
    assert.deepEqual(checkResource(iamNoAwsManagedPolicies, make("sesRole")), []);
    assert.deepEqual(
        checkResource(
            iamNoAwsManagedPolicies,
            resource(T.rolePolicyAttachment, "own", { role: "r", policyArn: "arn:aws:iam::123456789012:policy/own" }),
        ),
        [],
    );
    assert.match(
        checkResource(
            iamNoAwsManagedPolicies,
            make("sesRole", p => {
                p.managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonS3FullAccess"];
            }),
        ).join(),
        /sesRole attaches the AWS managed policy arn:aws:iam::aws:policy\/AmazonS3FullAccess/,
    );
    assert.match(
        checkResource(
            iamNoAwsManagedPolicies,
            resource(T.rolePolicyAttachment, "full", { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
        ).join(),
        /full attaches the AWS managed policy/,
    );
    assert.throws(
        () => checkResource(iamNoAwsManagedPolicies, resource(T.rolePolicyAttachment, "x", { role: "r", policyArn: UNKNOWN })),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("policies managed one way: a RolePolicy beside a role's managedPolicyArns fails; beside a plain role it passes; unknown lists are not violations", () => {
    const role = (props: Record<string, any>) => resource(T.role, "role", { assumeRolePolicy: "{}", ...props });
    const attached = (r: PolicyResource) =>
        ({ ...resource(T.rolePolicy, "inline", { role: UNKNOWN, policy: "{}" }), propertyDependencies: { role: [r] } }) as PolicyResource;
    const plain = role({});
    assert.deepEqual(checkStack(iamRolePoliciesManagedOneWay, [plain, attached(plain)]), []);
    const exclusive = role({ managedPolicyArns: ["arn:aws:iam::123456789012:policy/p"] });
    assert.match(
        checkStack(iamRolePoliciesManagedOneWay, [exclusive, attached(exclusive)]).join(),
        /inline attaches a policy to role role, which also sets managedPolicyArns/,
    );
    const unknown = role({ inlinePolicies: UNKNOWN });
    assert.deepEqual(checkStack(iamRolePoliciesManagedOneWay, [unknown, attached(unknown)]), []);
});

const ownProvider = { props: { allowedAccountIds: '["123456789012"]' } };

test("trust: another account's root, a wildcard account in aws:SourceArn, and '*' are reported; own and trusted accounts pass", () => {
    const partner = trust({
        Sid: "Partner",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::999999999999:root" },
        Action: "sts:AssumeRole",
    });
    assert.match(
        checkResource(iamTrustScopedToSource, partner, {}, ownProvider).join(),
        /Role sesRole trusts account 999999999999 \(statement Partner\)/,
    );
    assert.deepEqual(checkResource(iamTrustScopedToSource, partner, { trustedAccounts: ["999999999999"] }, ownProvider), []);
    const own = trust({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" });
    assert.deepEqual(checkResource(iamTrustScopedToSource, own, {}, ownProvider), []);
    const anyAccount = trust({
        Effect: "Allow",
        Principal: { Service: "ses.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:ses:ap-northeast-1:*:configuration-set/x" } },
    });
    assert.match(
        checkResource(iamTrustScopedToSource, anyAccount, {}, ownProvider).join(),
        /trusts ses.amazonaws.com without a condition keeping out other accounts' resources/,
    );
    const thisAccount = trust({
        Effect: "Allow",
        Principal: { Service: "ses.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:ses:ap-northeast-1:123456789012:configuration-set/*" } },
    });
    assert.deepEqual(
        checkResource(iamTrustScopedToSource, thisAccount, {}, ownProvider),
        [],
        "an aws:SourceArn naming this account is enough",
    );
});

test("wildcards inside ARNs are wildcards: objects of every bucket, every topic", () => {
    assert.match(
        checkResource(
            iamNoWildcardPermissions,
            permissions({ Sid: "Objects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }),
        ).join(),
        /Statement Objects of sesRolePolicy allows s3:GetObject on 'arn:aws:s3:::\*\/\*', which reaches resources this stack does not own/,
    );
    assert.match(
        checkResource(
            iamNoWildcardPermissions,
            permissions({ Effect: "Allow", Action: "sns:Publish", Resource: "arn:aws:sns:*:*:*" }),
        ).join(),
        /arn:aws:sns:\*:\*:\*/,
    );
    assert.match(
        checkResource(
            iamNoWildcardPermissions,
            permissions({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x/*" }),
        ).join(),
        /NotResource/,
    );
    assert.deepEqual(
        checkResource(
            iamNoWildcardPermissions,
            permissions({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/partitioned/*" }),
        ),
        [],
    );
});
