import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

const AWS_MANAGED = /^arn:aws[\w-]*:iam::aws:policy\//;

/** cdk-nag AwsSolutions-IAM4: AWS managed policies grant whole services on every resource. */
export const iamNoAwsManagedPolicies: ResourceValidationPolicy = {
    name: "iam-no-aws-managed-policies",
    description: "Roles get no AWS managed policies (arn:aws:iam::aws:policy/...), inline or attached: write the least-privilege policy.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.role, T.rolePolicyAttachment, T.policyAttachment], (args, reportViolation) => {
        const arns: string[] = args.type === T.role ? (args.props.managedPolicyArns ?? []) : [args.props.policyArn];
        for (const arn of arns.filter(a => typeof a === "string" && AWS_MANAGED.test(a))) {
            reportViolation(
                `${args.name} attaches the AWS managed policy ${arn}. Fix: replace it with a policy naming the actions and resources the role needs.`,
            );
        }
    }),
};
