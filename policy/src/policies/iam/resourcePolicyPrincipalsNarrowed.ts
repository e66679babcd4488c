import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { statements } from "../../iam";
import { documentedKeyGrant, foreignGrants, ownAccounts } from "../../principals";
import { forTypes } from "../../stack";

/** Resource types whose `policy` input is a resource-based policy: who outside IAM may act on it. */
const RESOURCE_POLICIES: Record<string, string> = {
    [T.bucketPolicy]: "bucket policy",
    [T.topicPolicy]: "topic policy",
    [T.topic]: "topic policy",
    [T.kmsKey]: "key policy",
    [T.queuePolicy]: "queue policy",
};

/**
 * A resource policy that lets anyone, any service or another account act, with nothing tying the
 * grant to a known caller, is how logs leak and topics get abused. Each policy is asked whether an
 * arbitrary principal of another account, or a service acting for another account's resource, gets
 * through; who is "own" comes from the stack's AWS provider (allowedAccountIds) and trustedAccounts.
 */
export const resourcePolicyPrincipalsNarrowed: ResourceValidationPolicy = {
    name: "resource-policy-principals-narrowed",
    description:
        "Bucket, topic, key and queue policies let no principal of another account and no service acting for another account through (evaluated against such requests: conditions that name the caller, aws:SourceAccount, aws:SourceArn, aws:PrincipalArn, aws:PrincipalOrgID, keep them out), and use no NotPrincipal or NotAction in an Allow. Key policies may carry, exactly as documented, the SES guide's statement for encrypted feedback topics and the SNS guide's for EventBridge (through SNS, for this stack's topics).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            trustedAccounts: { type: "array", items: { type: "string", pattern: "^\\d{12}$" }, default: [] },
        },
    },
    validateResource: forTypes(Object.keys(RESOURCE_POLICIES), (args, reportViolation) => {
        if (args.props.policy === undefined) {
            return;
        }
        const kind = RESOURCE_POLICIES[args.type];
        const { trustedAccounts = [] } = args.getConfig<{ trustedAccounts?: string[] }>();
        const document = statements(args.props.policy);
        const where = (sid?: string) => `${sid ? `Statement ${sid}` : "A statement"} of the ${kind} of ${args.name}`;
        for (const statement of document.filter(s => s.Effect === "Allow")) {
            if ((statement as any).NotPrincipal !== undefined) {
                reportViolation(
                    `${where(statement.Sid)} allows with NotPrincipal: everyone but the listed principals. Fix: name the principals with Principal.`,
                );
            }
            if (statement.NotAction !== undefined) {
                reportViolation(
                    `${where(statement.Sid)} allows with NotAction: every action but the listed ones. Fix: name the actions with Action.`,
                );
            }
        }
        const own = [...ownAccounts(args.provider), ...trustedAccounts];
        for (const grant of foreignGrants(document, own)) {
            // The statements the services' own guides document for encrypted topics, exactly as
            // documented (principals.ts): the probe cannot see that SNS pins them to our topics.
            if (args.type === T.kmsKey && grant.kind === "service" && documentedKeyGrant(grant.statement, own) !== undefined) {
                continue;
            }
            const at = where(grant.statement.Sid);
            if (grant.kind === "everyone") {
                reportViolation(
                    `${at} allows everyone ('*'), including principals of other accounts. Fix: name the principals, or add a condition on aws:SourceAccount, aws:PrincipalArn or aws:PrincipalOrgID that only this stack's callers meet.`,
                );
            } else if (grant.kind === "service") {
                reportViolation(
                    `${at} allows the service ${grant.who} for any account (confused deputy): its conditions do not keep out a request made for another account's resource. Fix: add aws:SourceAccount = this account, or an aws:SourceArn whose account field is this account.`,
                );
            } else {
                reportViolation(
                    `${at} allows account ${grant.who}, which is not this stack's (provider allowedAccountIds) nor in the pack's trustedAccounts. Fix: add a condition on aws:PrincipalArn naming the role, or aws:PrincipalOrgID, or list the account in trustedAccounts.`,
                );
            }
        }
    }),
};
