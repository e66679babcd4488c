import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { list, statements } from "../../iam";

/** Least privilege: name the actions and the resources. */
export const noWildcardPermissions: ResourceValidationPolicy = {
    name: "iam-no-wildcard-permissions",
    description: "IAM role and managed policies allow no '*' or service-wide 'svc:*' actions and no '*' resources, except for actions in an allow-list.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            actionsAllowedOnAnyResource: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== T.rolePolicy && args.type !== T.iamPolicy) {
            return;
        }
        const { actionsAllowedOnAnyResource = [] } = args.getConfig<{ actionsAllowedOnAnyResource?: string[] }>();
        for (const statement of statements(args.props.policy)) {
            if (statement.Effect !== "Allow") {
                continue;
            }
            const actions = list(statement.Action);
            const wildcardActions = actions.filter(a => a === "*" || a.endsWith(":*"));
            if (wildcardActions.length > 0 || statement.NotAction !== undefined) {
                reportViolation(`Statement ${statement.Sid ?? ""} allows ${wildcardActions.join(", ") || "NotAction"}: name the actions.`.replace("  ", " "));
            }
            if (list(statement.Resource).includes("*") && !actions.every(a => actionsAllowedOnAnyResource.includes(a))) {
                reportViolation(`Statement ${statement.Sid ?? ""} allows ${actions.join(", ")} on every resource ('*'): name the resources.`.replace("  ", " "));
            }
        }
    },
};
