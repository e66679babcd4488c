import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { known, ofType, refersTo } from "../../stack";
import { configurationSets, EventDestination, eventDestinations, SET_NAME } from "../../ses";
import { ownAccounts } from "../../principals";

/** The event types the Glue table reads (the program's SesEventType, less open/click tracking and subscriptions, which are opt-in). */
export const LOGGED_EVENT_TYPES = ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY", "RENDERING_FAILURE"];

/** Whether the stream ARN names a Firehose stream this stack declares (by name, and by account when the provider says which). */
function ownedStream(arn: string, streams: PolicyResource[], accounts: string[]): boolean {
    const match = /^arn:aws[\w-]*:firehose:[^:]*:(\d{12}):deliverystream\/(.+)$/.exec(arn);
    if (match === null || (accounts.length > 0 && !accounts.includes(match[1]))) {
        return false;
    }
    return streams.some(stream => known(() => stream.props.name) === match[2]);
}

/**
 * Judged per destination, not pooled: the SNS or EventBridge destination carrying BOUNCE does not
 * put a single bounce into the log table. The Firehose destination is what the table reads, so it
 * is the one that must be enabled, carry every type, and write to a stream of this stack.
 */
export const sesConfigurationSetLogsEvents: StackValidationPolicy = {
    name: "ses-configuration-set-logs-events",
    description: `Every SES configuration set (sesv2 or v1) has an enabled Firehose event destination writing to a stream this stack creates, carrying every event type the table reads (default ${LOGGED_EVENT_TYPES.join(", ")}); no Firehose destination writes to a stream the stack does not create.`,
    enforcementLevel: "mandatory",
    configSchema: { properties: { eventTypes: { type: "array", items: { type: "string" }, default: LOGGED_EVENT_TYPES } } },
    validateStack: (args, reportViolation) => {
        const { eventTypes = LOGGED_EVENT_TYPES } = args.getConfig<{ eventTypes?: string[] }>();
        const streams = ofType(args.resources, T.firehose);
        const accounts = ownAccounts(args.resources.find(r => r.type === T.provider));
        const destinations = eventDestinations(args.resources);
        for (const set of configurationSets(args.resources)) {
            const setName = known(() => set.props[SET_NAME[set.type]]) as string;
            const toFirehose = destinations.filter(
                d => refersTo(d.resource, "configurationSetName", set, SET_NAME[set.type]) && d.streamArn !== undefined,
            );
            const foreign = (d: EventDestination) => typeof d.streamArn === "string" && !ownedStream(d.streamArn, streams, accounts);
            for (const d of toFirehose.filter(foreign)) {
                reportViolation(
                    `Event destination ${d.resource.name} of configuration set ${setName} writes to ${String(d.streamArn)}, a stream this stack does not create: its events never reach this stack's table. Fix: point kinesisFirehoseDestination.deliveryStreamArn at the stack's event stream.`,
                    d.resource.urn,
                );
            }
            const logs = toFirehose.filter(d => !foreign(d));
            for (const d of logs.filter(d => !d.enabled)) {
                reportViolation(
                    `Event destination ${d.resource.name} of configuration set ${setName} is disabled: no event reaches the log table. Fix: set enabled = true.`,
                    d.resource.urn,
                );
            }
            if (logs.length === 0) {
                reportViolation(
                    `Configuration set ${setName} (${set.name}) has no Firehose event destination to this stack's stream: its mail is not logged. Fix: add an event destination with kinesisFirehoseDestination to the stack's event stream.`,
                    set.urn,
                );
            }
            for (const d of logs.filter(d => d.enabled && Array.isArray(d.eventTypes))) {
                const missing = eventTypes.filter(t => !d.eventTypes.includes(t));
                if (missing.length > 0) {
                    reportViolation(
                        `Event destination ${d.resource.name} of configuration set ${setName} does not log ${missing.join(", ")} events: the table has no such rows, whatever other destinations publish. Fix: add them to matchingEventTypes.`,
                        d.resource.urn,
                    );
                }
            }
        }
    },
};
