import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { known, ofType, refersTo, UNKNOWN } from "../../stack";
import { configurationSets, SET_NAME } from "../../ses";

/** The property naming each identity type's identity, which notification topics refer to. */
const IDENTITY: Record<string, string> = {
    [T.emailIdentity]: "emailIdentity",
    [T.domainIdentityV1]: "domain",
    [T.emailIdentityV1]: "email",
};

/**
 * The article's two manual console steps, as a rule: no identity sends unlogged or without
 * feedback. A default configuration set the stack does not create logs nowhere this stack reads.
 */
export const sesIdentityFullyWired: StackValidationPolicy = {
    name: "ses-identity-fully-wired",
    description:
        "Every SES identity (sesv2, or v1 domain and e-mail identities) has a default configuration set that this stack creates, and a bounce and a complaint feedback topic.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const topics = ofType(args.resources, T.notificationTopic);
        const sets = configurationSets(args.resources);
        for (const identity of args.resources.filter(r => IDENTITY[r.type] !== undefined)) {
            const name = known(() => identity.props[IDENTITY[identity.type]]);
            if (identity.type !== T.emailIdentity) {
                reportViolation(
                    `Identity ${String(name)} is a v1 SES identity (${identity.type}), which cannot have a default configuration set: its mail is not logged. Fix: declare it as aws.sesv2.EmailIdentity with configurationSetName = the stack's configuration set.`,
                    identity.urn,
                );
            } else {
                const set = known(() => identity.props.configurationSetName);
                const ours = sets.some(s => refersTo(identity, "configurationSetName", s, SET_NAME[s.type]));
                const depends = (identity.propertyDependencies?.configurationSetName ?? []).length > 0;
                if (set === undefined || set === "") {
                    reportViolation(
                        `Identity ${String(name)} has no default configuration set: its mail is not logged. Fix: set configurationSetName to the stack's configuration set.`,
                        identity.urn,
                    );
                } else if (!ours && (set !== UNKNOWN || depends)) {
                    // An unknown name with no dependency recorded is left to `up`; a known one must be a set of this stack.
                    reportViolation(
                        `Identity ${String(name)}'s default configuration set ${set === UNKNOWN ? "(not known yet)" : set} is not one this stack creates: its mail is logged, if at all, somewhere this stack does not read. Fix: set configurationSetName to the stack's configuration set.`,
                        identity.urn,
                    );
                }
            }
            for (const type of ["Bounce", "Complaint"]) {
                const topic = topics.find(
                    t => refersTo(t, "identity", identity, IDENTITY[identity.type]) && t.props.notificationType === type,
                );
                if (topic === undefined || !known(() => topic.props.topicArn)) {
                    reportViolation(
                        `Identity ${String(name)} has no ${type.toLowerCase()} feedback topic. Fix: add an aws.ses.IdentityNotificationTopic with notificationType ${type} and the stack's feedback topic.`,
                        identity.urn,
                    );
                }
            }
        }
    },
};
