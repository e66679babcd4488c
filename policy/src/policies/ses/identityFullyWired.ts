import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { known, ofType, refersTo } from "../../stack";

/** The article's two manual console steps, as a rule: no identity sends unlogged or without feedback. */
export const identityFullyWired: StackValidationPolicy = {
    name: "ses-identity-fully-wired",
    description: "Every SES identity has a default configuration set and a bounce and a complaint feedback topic.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const topics = ofType(args.resources, T.notificationTopic);
        for (const identity of ofType(args.resources, T.emailIdentity)) {
            const name = identity.props.emailIdentity;
            // Unknown during a first preview (the set's name is its output): it is set, just not known.
            if (!known(() => identity.props.configurationSetName)) {
                reportViolation(`Identity ${name} has no default configuration set: its mail is not logged.`, identity.urn);
            }
            for (const type of ["Bounce", "Complaint"]) {
                const topic = topics.find(t => refersTo(t, "identity", identity, "emailIdentity") && t.props.notificationType === type);
                if (topic === undefined || !known(() => topic.props.topicArn)) {
                    reportViolation(`Identity ${name} has no ${type.toLowerCase()} feedback topic.`, identity.urn);
                }
            }
        }
    },
};
