import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { ofType } from "../../stack";

/** The article's two manual console steps, as a rule: no identity sends unlogged or without feedback. */
export const identityFullyWired: StackValidationPolicy = {
    name: "ses-identity-fully-wired",
    description: "Every SES identity has a default configuration set and a bounce and a complaint feedback topic.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const topics = ofType(args.resources, T.notificationTopic);
        for (const identity of ofType(args.resources, T.emailIdentity)) {
            const name = identity.props.emailIdentity;
            if (!identity.props.configurationSetName) {
                reportViolation(`Identity ${name} has no default configuration set: its mail is not logged.`, identity.urn);
            }
            for (const type of ["Bounce", "Complaint"]) {
                const topic = topics.find(t => t.props.identity === name && t.props.notificationType === type);
                if (topic === undefined || !topic.props.topicArn) {
                    reportViolation(`Identity ${name} has no ${type.toLowerCase()} feedback topic.`, identity.urn);
                }
            }
        }
    },
};
