import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { hasConditionKey, list, statements } from "../../iam";

const SOURCE_KEYS = ["aws:SourceAccount", "aws:SourceArn", "sts:ExternalId"];

/** A service trust without a source condition lets the service assume the role for any account's resources (confused deputy). */
export const trustScopedToSource: ResourceValidationPolicy = {
    name: "iam-trust-scoped-to-source",
    description: "IAM roles are trusted by services only (never '*' or an AWS wildcard), and trusts of the listed services carry aws:SourceAccount, aws:SourceArn or sts:ExternalId conditions.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            servicesNeedingSourceConditions: {
                type: "array", items: { type: "string" },
                default: ["ses.amazonaws.com", "firehose.amazonaws.com"],
            },
        },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== T.role) {
            return;
        }
        const { servicesNeedingSourceConditions = ["ses.amazonaws.com", "firehose.amazonaws.com"] } = args.getConfig<{ servicesNeedingSourceConditions?: string[] }>();
        for (const statement of statements(args.props.assumeRolePolicy)) {
            if (statement.Effect !== "Allow") {
                continue;
            }
            const principal = statement.Principal;
            if (principal === "*" || (typeof principal === "object" && list(principal.AWS as any).some(p => p === "*"))) {
                reportViolation("The role trusts any principal ('*').");
                continue;
            }
            const services = typeof principal === "object" ? list(principal.Service as any) : [];
            for (const service of services.filter(s => servicesNeedingSourceConditions.includes(s))) {
                if (!SOURCE_KEYS.some(key => hasConditionKey(statement, key))) {
                    reportViolation(`The role trusts ${service} without an aws:SourceAccount, aws:SourceArn or sts:ExternalId condition.`);
                }
            }
        }
    },
};
