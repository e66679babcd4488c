import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { statements } from "../../iam";
import { foreignGrants, ownAccounts } from "../../principals";
import { forTypes } from "../../stack";

const SERVICES = ["ses.amazonaws.com", "firehose.amazonaws.com"];

/**
 * A role is assumed by whoever its trust policy lets through. Each trust is asked whether an
 * arbitrary principal of another account, or a listed service acting for another account's
 * resource (confused deputy), may assume the role: a condition whose account is a wildcard keeps
 * nobody out.
 */
export const iamTrustScopedToSource: ResourceValidationPolicy = {
    name: "iam-trust-scoped-to-source",
    description:
        "IAM role trusts let no principal of another account assume the role (own accounts: the provider's allowedAccountIds and trustedAccounts), and the listed services only for this account's resources (aws:SourceAccount, aws:SourceArn or sts:ExternalId naming this account; evaluated, so a wildcard account does not count).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            servicesNeedingSourceConditions: { type: "array", items: { type: "string" }, default: SERVICES },
            trustedAccounts: { type: "array", items: { type: "string", pattern: "^\\d{12}$" }, default: [] },
        },
    },
    validateResource: forTypes([T.role], (args, reportViolation) => {
        const { servicesNeedingSourceConditions = SERVICES, trustedAccounts = [] } = args.getConfig<{
            servicesNeedingSourceConditions?: string[];
            trustedAccounts?: string[];
        }>();
        const document = statements(args.props.assumeRolePolicy);
        for (const grant of foreignGrants(document, [...ownAccounts(args.provider), ...trustedAccounts], servicesNeedingSourceConditions)) {
            const sid = grant.statement.Sid ? ` (statement ${grant.statement.Sid})` : "";
            if (grant.kind === "everyone") {
                reportViolation(
                    `Role ${args.name} trusts any principal ('*')${sid}. Fix: trust the service or role that needs it, by name.`,
                );
            } else if (grant.kind === "service") {
                reportViolation(
                    `Role ${args.name} trusts ${grant.who} without a condition keeping out other accounts' resources${sid}: a wildcard or missing account lets the service assume it for anyone. Fix: add aws:SourceAccount = this account and aws:SourceArn naming this stack's resource (sts:ExternalId = the account for Firehose).`,
                );
            } else {
                reportViolation(
                    `Role ${args.name} trusts account ${grant.who}${sid}, which is not this stack's (provider allowedAccountIds) nor in trustedAccounts. Fix: trust the service that needs the role, or list the account in trustedAccounts.`,
                );
            }
        }
    }),
};
