import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { known, UNKNOWN } from "../../stack";

const ATTACHING: Record<string, string> = { [T.rolePolicy]: "role", [T.rolePolicyAttachment]: "role", [T.policyAttachment]: "roles" };

/**
 * awsguard iam-role-no-policy-management-conflicts: a role that lists managedPolicyArns or
 * inlinePolicies owns all of its policies of that kind, so separately attached ones are removed
 * on the next update and re-added on the one after (a permanent diff, and gaps in permissions).
 */
export const iamRolePoliciesManagedOneWay: StackValidationPolicy = {
    name: "iam-role-policies-managed-one-way",
    description:
        "A role's policies are managed one way: not with managedPolicyArns or inlinePolicies on the role and RolePolicy or attachments beside it.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const attachment of args.resources.filter(r => ATTACHING[r.type] !== undefined)) {
            for (const role of (attachment.propertyDependencies?.[ATTACHING[attachment.type]] ?? []).filter(r => r.type === T.role)) {
                const managed = known(() => role.props.managedPolicyArns);
                const inline = known(() => role.props.inlinePolicies);
                const exclusive = [
                    managed !== UNKNOWN && (managed ?? []).length > 0 ? "managedPolicyArns" : "",
                    inline !== UNKNOWN && (inline ?? []).length > 0 ? "inlinePolicies" : "",
                ].filter(Boolean);
                if (exclusive.length > 0) {
                    reportViolation(
                        `${attachment.name} attaches a policy to role ${role.name}, which also sets ${exclusive.join(" and ")}: the two fight on every update. Fix: move this policy into the role's ${exclusive.join(" or ")}, or drop those from the role and attach all its policies as separate resources.`,
                        attachment.urn,
                    );
                }
            }
        }
    },
};
