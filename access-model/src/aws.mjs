// Who may do what, decided by @cloud-copilot/iam-simulate (an open-source implementation of AWS's
// request evaluation: identity and resource policies, cross-account rules, explicit denies,
// conditions), over requests whose context is filled in as AWS fills it for that call.
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { loadPolicy } from "@cloud-copilot/iam-policy";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

// iam-simulate 0.1.173 drops request-context keys whose variable part follows a colon
// (kms:EncryptionContext:aws:s3:arn): its check of a request's keys only knows "/" templates
// such as aws:PrincipalTag/<key>. Requests carrying such a key go straight to its engine's
// authorize(), as its own runUnsafeSimulation does (which fails on any resource policy: it loads
// the policy without the name the engine reports).
const simulateDist = dirname(createRequire(import.meta.url).resolve("@cloud-copilot/iam-simulate"));
const { authorize } = await import(pathToFileURL(join(simulateDist, "..", "esm", "core_engine", "CoreSimulatorEngine.js")));
const { AwsRequestImpl } = await import(pathToFileURL(join(simulateDist, "..", "esm", "request", "request.js")));
const { RequestContextImpl } = await import(pathToFileURL(join(simulateDist, "..", "esm", "requestContext.js")));
const { DiscoveryContextKeyConstraints } = await import(pathToFileURL(join(simulateDist, "..", "esm", "context_keys", "discoveryContextKeyConstraints.js")));

export const ALLOWED = "Allowed";
export const IMPLICITLY_DENIED = "ImplicitlyDenied";
export const EXPLICITLY_DENIED = "ExplicitlyDenied";

const accountOf = (arn) => arn.split(":")[4];

/**
 * The decision for one request: "Allowed", "ImplicitlyDenied" or "ExplicitlyDenied". A context key
 * the action does not have is a mistake in the test, not a detail to drop: it throws.
 */
export async function decide({ principal, action, resource, resourceAccount, identityPolicies = [], resourcePolicy, context }) {
    if (Object.keys(context).some((key) => key.startsWith("kms:EncryptionContext:"))) {
        return authorizeDirectly({ principal, action, resource, resourceAccount, identityPolicies, resourcePolicy, context });
    }
    const result = await runSimulation({
        request: { principal, action, resource: { resource, accountId: resourceAccount }, contextVariables: context },
        identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy,
    }, {});
    if (result.resultType === "error") {
        throw new Error(`the simulator refused the request: ${JSON.stringify(result.errors)}`);
    }
    const ignored = result.result?.ignoredContextKeys ?? [];
    if (ignored.length > 0) {
        throw new Error(`${action} has no context keys ${ignored.join(", ")}`);
    }
    return result.overallResult;
}

function authorizeDirectly({ principal, action, resource, resourceAccount, identityPolicies, resourcePolicy, context }) {
    const analysis = authorize({
        request: new AwsRequestImpl(principal, { resource, accountId: resourceAccount }, action, new RequestContextImpl(context)),
        sessionPolicy: undefined,
        identityPolicies: identityPolicies.map(({ name, policy }) => loadPolicy(policy, { name })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: resourcePolicy && loadPolicy(resourcePolicy, { name: "resource policy" }),
        permissionBoundaries: undefined,
        vpcEndpointPolicies: undefined,
        simulationParameters: { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
        serviceSettings: { s3: {} },
    });
    return analysis.result;
}

/** The context every signed request of an IAM role carries. */
function roleContext(roleArn, tls) {
    return {
        "aws:PrincipalArn": roleArn,
        "aws:PrincipalAccount": accountOf(roleArn),
        "aws:PrincipalType": "AssumedRole",
        "aws:SecureTransport": String(tls),
    };
}

/** A role of some account, as the caller of a request: its ARN and the policies attached to it. */
export function caller(roleArn, policies = []) {
    return { arn: roleArn, policies };
}

/** A role that may do anything its own account allows: the strongest caller an account has. */
export function administrator(account) {
    return caller(`arn:aws:iam::${account}:role/administrator`, [{
        name: "AdministratorAccess",
        policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    }]);
}

/**
 * An S3 request to the bucket (`resource` is the bucket or one object) of `bucketAccount`, with the
 * bucket's policy. `headers` are condition keys the request sets (s3:x-amz-server-side-encryption,
 * s3:prefix, ...); without TLS there is no s3:TlsVersion.
 */
export function s3Request(who, action, resource, { bucketAccount, bucketPolicy, tls = true, keys = {} }) {
    return decide({
        principal: who.arn,
        action,
        resource,
        resourceAccount: bucketAccount,
        identityPolicies: who.policies,
        resourcePolicy: bucketPolicy,
        context: { ...roleContext(who.arn, tls), ...(tls ? { "s3:TlsVersion": "1.3" } : {}), ...keys },
    });
}

function kmsRequest(who, action, key, keyAccount, context) {
    return decide({
        principal: who.arn,
        action,
        resource: key.arn,
        resourceAccount: keyAccount,
        identityPolicies: who.policies,
        resourcePolicy: key.policy,
        context: { ...roleContext(who.arn, true), "kms:CallerAccount": accountOf(who.arn), ...context },
    });
}

/**
 * The KMS call S3 makes for a caller writing to a bucket encrypted with `key`: from S3 in the
 * bucket's region, as the caller, with the bucket's ARN as encryption context (a bucket with an S3
 * Bucket Key uses the bucket's ARN, not the object's).
 */
export function kmsThroughS3(who, action, key, { keyAccount, bucketRegion, bucketArn }) {
    return kmsRequest(who, action, key, keyAccount, {
        "kms:ViaService": `s3.${bucketRegion}.amazonaws.com`,
        "kms:EncryptionContext:aws:s3:arn": bucketArn,
    });
}

/** A KMS call made directly by a role, not through any service. */
export function kmsDirectly(who, action, key, { keyAccount }) {
    return kmsRequest(who, action, key, keyAccount, {});
}

/**
 * A call an AWS service makes on its own behalf for a customer's resource: the service principal,
 * with aws:SourceAccount and aws:SourceArn naming the resource that made it act (the confused
 * deputy guard), and only the resource's policy to admit it.
 */
export function serviceRequest(service, action, resource, { resourceAccount, resourcePolicy, sourceAccount, sourceArn, keys = {} }) {
    return decide({
        principal: service,
        action,
        resource,
        resourceAccount,
        resourcePolicy,
        context: {
            "aws:SecureTransport": "true",
            ...(sourceAccount ? { "aws:SourceAccount": sourceAccount } : {}),
            ...(sourceArn ? { "aws:SourceArn": sourceArn } : {}),
            ...keys,
        },
    });
}
