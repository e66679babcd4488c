import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { statements } from "../../iam";

/** cdk-nag AwsSolutions-SNS3: bounce notices carry recipients' addresses. */
export const topicTlsOnly: ResourceValidationPolicy = {
    name: "sns-topic-tls-only",
    description: "Every SNS topic policy denies publishing without TLS (Deny sns:Publish on aws:SecureTransport = false).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== T.topicPolicy && !(args.type === T.topic && args.props.policy !== undefined)) {
            return;
        }
        const denies = statements(args.props.policy).some(s => s.Effect === "Deny"
            && [s.Action].flat().some(a => a === "sns:Publish" || a === "sns:*" || a === "*")
            && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
        if (!denies) {
            reportViolation(`The topic policy ${args.name} lets publishers send without TLS: add a Deny of sns:Publish with aws:SecureTransport = false.`);
        }
    },
};
