import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { ofType, refersTo } from "../../stack";

/** Without bounce and complaint events nobody can see what drives the rates AWS reviews. */
export const configurationSetLogsFeedback: StackValidationPolicy = {
    name: "ses-configuration-set-logs-feedback",
    description: "Every SES configuration set has an enabled event destination that publishes at least BOUNCE and COMPLAINT events.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const destinations = ofType(args.resources, T.eventDestination);
        for (const set of ofType(args.resources, T.configurationSet)) {
            const covered = new Set<string>();
            destinations
                .filter(d => refersTo(d, "configurationSetName", set) && d.props.eventDestination?.enabled !== false)
                .forEach(d => (d.props.eventDestination?.matchingEventTypes ?? []).forEach((t: string) => covered.add(t)));
            const missing = ["BOUNCE", "COMPLAINT"].filter(t => !covered.has(t));
            if (missing.length > 0) {
                reportViolation(`Configuration set ${set.props.configurationSetName} publishes no ${missing.join(" or ")} events.`, set.urn);
            }
        }
    },
};
