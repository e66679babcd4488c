import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { statements } from "../../iam";
import { forTypes, known } from "../../stack";
import { firstPlainHttpGap } from "../../tls";

const ACTIONS = ["sns:Publish", "sns:Subscribe"];

/**
 * cdk-nag AwsSolutions-SNS3: bounce notices carry recipients' addresses. Asked as requests: a Deny
 * narrowed to one principal, or missing Publish or Subscribe, leaves plain HTTP open.
 */
export const snsTopicTlsOnly: ResourceValidationPolicy = {
    name: "sns-topic-tls-only",
    description:
        "Every SNS topic policy refuses the actions that move messages (default sns:Publish and sns:Subscribe) without TLS, from any caller: evaluated with aws:SecureTransport = false.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { actions: { type: "array", items: { type: "string" }, default: ACTIONS } } },
    validateResource: forTypes([T.topicPolicy, T.topic], (args, reportViolation) => {
        if (args.type === T.topic && args.props.policy === undefined) {
            return;
        }
        const { actions = ACTIONS } = args.getConfig<{ actions?: string[] }>();
        // A first preview does not know the topic ARN of a new topic: then only actions and callers are asked.
        const arn = known(() => args.props.arn);
        const resource = typeof arn === "string" && arn.startsWith("arn:") ? arn : undefined;
        const gap = firstPlainHttpGap(statements(args.props.policy), [{ label: "the topic", resource, actions }]);
        if (gap !== undefined) {
            reportViolation(
                `The topic policy ${args.name} lets callers in without TLS (${gap} is not denied when aws:SecureTransport = false). Fix: a Deny statement with Principal "*", Action [${actions.map(a => `"${a}"`).join(", ")}] on the topic and the single condition Bool aws:SecureTransport = "false".`,
            );
        }
    }),
};
