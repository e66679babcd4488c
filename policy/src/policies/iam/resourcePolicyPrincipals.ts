import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { list, Statement, statements } from "../../iam";

/** Resource types whose `policy` input is a resource-based policy: who outside IAM may act on it. */
const RESOURCE_POLICIES: Record<string, string> = {
    [T.bucketPolicy]: "bucket policy",
    [T.topicPolicy]: "topic policy",
    [T.topic]: "topic policy",
    [T.kmsKey]: "key policy",
    [T.queuePolicy]: "queue policy",
};

/** Conditions that tie a grant to a known caller: the confused-deputy and cross-account guards AWS documents. */
const NARROWING_KEYS = ["aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:principalarn", "aws:principalorgid",
    "aws:principalaccount", "aws:sourceorgid"];

function narrowed(statement: Statement): boolean {
    return Object.values(statement.Condition ?? {}).some(entries => Object.entries(entries).some(([key, value]) =>
        NARROWING_KEYS.includes(key.toLowerCase()) && list(value as string | string[]).length > 0
        && list(value as string | string[]).every(v => v !== "*" && v !== "")));
}

/** The account of an IAM principal (`123456789012`, `arn:aws:iam::123456789012:root`, a role ARN). */
function accountOf(principal: string): string | undefined {
    return /^\d{12}$/.test(principal) ? principal : /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** The accounts a stack deploys into: its provider's allowedAccountIds (a JSON string in provider inputs). */
function ownAccounts(args: ResourceValidationArgs): string[] {
    const configured = args.provider?.props?.allowedAccountIds;
    const parsed = typeof configured === "string" && configured.startsWith("[") ? JSON.parse(configured) : configured;
    return Array.isArray(parsed) ? parsed.map(String) : [];
}

/**
 * A resource policy that lets anyone, any service or another account act, with nothing tying the
 * grant to a known caller, is how logs leak and topics get abused. Who is "own" comes from the
 * stack's AWS provider (allowedAccountIds) and the pack's trustedAccounts.
 */
export const resourcePolicyPrincipals: ResourceValidationPolicy = {
    name: "resource-policy-principals-narrowed",
    description: "Bucket, topic, key and queue policies allow no '*', service or other-account principal without a condition naming the caller (aws:SourceAccount, aws:SourceArn, aws:PrincipalArn, aws:PrincipalOrgID), and no NotPrincipal or NotAction in an Allow.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            trustedAccounts: { type: "array", items: { type: "string", pattern: "^\\d{12}$" }, default: [] },
        },
    },
    validateResource: (args, reportViolation) => {
        const kind = RESOURCE_POLICIES[args.type];
        if (kind === undefined || args.props.policy === undefined) {
            return;
        }
        const { trustedAccounts = [] } = args.getConfig<{ trustedAccounts?: string[] }>();
        const own = new Set([...ownAccounts(args), ...trustedAccounts]);
        for (const statement of statements(args.props.policy)) {
            if (statement.Effect !== "Allow") {
                continue;
            }
            const sid = statement.Sid ? `Statement ${statement.Sid}` : "A statement";
            const where = `${sid} of the ${kind} of ${args.name}`;
            if ((statement as any).NotPrincipal !== undefined) {
                reportViolation(`${where} allows with NotPrincipal: everyone but the listed principals. Name the principals with Principal.`);
            }
            if (statement.NotAction !== undefined) {
                reportViolation(`${where} allows with NotAction: every action but the listed ones. Name the actions with Action.`);
            }
            if (narrowed(statement)) {
                continue;
            }
            const principal = statement.Principal;
            const principals: { kind: string; value: string }[] = principal === "*" ? [{ kind: "AWS", value: "*" }]
                : Object.entries(principal ?? {}).flatMap(([k, v]) => list(v).map(value => ({ kind: k, value })));
            for (const { kind: type, value } of principals) {
                if (value === "*") {
                    reportViolation(`${where} allows everyone ('*'). Name the principals, or add a condition on aws:SourceAccount, aws:SourceArn, aws:PrincipalArn or aws:PrincipalOrgID.`);
                } else if (type === "Service") {
                    reportViolation(`${where} allows the service ${value} for any account (confused deputy). Add a condition on aws:SourceAccount or aws:SourceArn.`);
                } else if (type === "AWS") {
                    const account = accountOf(value);
                    if (account !== undefined && !own.has(account)) {
                        reportViolation(`${where} allows account ${account} (${value}), which is not this stack's (provider allowedAccountIds) nor in the pack's trustedAccounts. Add a condition on aws:PrincipalArn or aws:PrincipalOrgID, or list the account in trustedAccounts.`);
                    }
                }
            }
        }
    },
};
