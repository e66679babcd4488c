import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { list, statements } from "../../iam";
import { reachesUnowned } from "../../evaluate";
import { forTypes } from "../../stack";

/**
 * Least privilege: name the actions and the resources. A resource is a wildcard when it reaches
 * resources nobody can know the stack owns: `*`, and also `arn:aws:s3:::*\/*` (objects of every
 * bucket) or `arn:aws:sns:*:*:*` (every topic), while `arn:aws:s3:::<bucket>/partitioned/*` stays
 * inside one named bucket.
 */
export const iamNoWildcardPermissions: ResourceValidationPolicy = {
    name: "iam-no-wildcard-permissions",
    description:
        "IAM role and managed policies allow no '*' or service-wide 'svc:*' actions, no NotAction or NotResource, and no resource pattern with a wildcard in its partition, service, region, account or resource name (arn:aws:s3:::*/*, arn:aws:sns:*:*:*), except for actions in an allow-list.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            actionsAllowedOnAnyResource: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateResource: forTypes([T.rolePolicy, T.iamPolicy], (args, reportViolation) => {
        const { actionsAllowedOnAnyResource = [] } = args.getConfig<{ actionsAllowedOnAnyResource?: string[] }>();
        for (const statement of statements(args.props.policy).filter(s => s.Effect === "Allow")) {
            const at = `Statement ${statement.Sid ? statement.Sid + " " : ""}of ${args.name}`;
            const actions = list(statement.Action);
            const wildcardActions = actions.filter(a => a === "*" || a.endsWith(":*"));
            if (wildcardActions.length > 0 || statement.NotAction !== undefined) {
                reportViolation(`${at} allows ${wildcardActions.join(", ") || "NotAction"}. Fix: list the actions the role needs.`);
            }
            if ((statement as any).NotResource !== undefined) {
                reportViolation(
                    `${at} allows with NotResource: every resource but the listed ones. Fix: list the resources with Resource.`,
                );
            }
            const broad = list(statement.Resource).filter(reachesUnowned);
            if (broad.length > 0 && !actions.every(a => actionsAllowedOnAnyResource.includes(a))) {
                reportViolation(
                    `${at} allows ${actions.join(", ")} on ${broad.map(r => `'${r}'`).join(", ")}, which reaches resources this stack does not own (every resource for '*'). Fix: name the bucket, stream, topic or log group in the ARN; or list the actions in actionsAllowedOnAnyResource if the service offers no resource-level permissions.`,
                );
            }
        }
    }),
};
