// SES resources of both APIs (aws:ses v1 and aws:sesv2) read into one shape, so every SES rule
// covers both: a stack that switches to the v1 resources must not switch the rules off.
import { PolicyResource } from "@pulumi/policy";
import { T } from "./types";
import { known, UNKNOWN } from "./stack";

export function configurationSets(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter(r => r.type === T.configurationSet || r.type === T.configurationSetV1);
}

/** The name a configuration set goes by, in the property that holds it for its API. */
export const SET_NAME: Record<string, string> = { [T.configurationSet]: "configurationSetName", [T.configurationSetV1]: "name" };

/** v1 matching types (`renderingFailure`) in SESv2's spelling (`RENDERING_FAILURE`). */
function v2EventType(v1: string): string {
    return v1.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

export interface EventDestination {
    resource: PolicyResource;
    name: string;
    enabled: boolean;
    eventTypes: string[];
    /** The Firehose stream ARN it writes to (UNKNOWN until the stream exists), or undefined for other targets. */
    streamArn: string | typeof UNKNOWN | undefined;
}

export function eventDestinations(resources: PolicyResource[]): EventDestination[] {
    return resources.flatMap((resource): EventDestination[] => {
        if (resource.type === T.eventDestination) {
            const d = known(() => resource.props.eventDestination);
            if (d === UNKNOWN || d === undefined) {
                return [];
            }
            const firehose = known(() => d.kinesisFirehoseDestination);
            return [
                {
                    resource,
                    name: (known(() => resource.props.eventDestinationName) as string) ?? resource.name,
                    enabled: d.enabled !== false,
                    eventTypes: known(() => d.matchingEventTypes ?? []) as string[],
                    streamArn:
                        firehose === UNKNOWN ? UNKNOWN : firehose === undefined ? undefined : known(() => firehose.deliveryStreamArn),
                },
            ];
        }
        if (resource.type === T.eventDestinationV1) {
            const kinesis = known(() => resource.props.kinesisDestination);
            const types = known(() => resource.props.matchingTypes ?? []);
            return [
                {
                    resource,
                    name: (known(() => resource.props.name) as string) ?? resource.name,
                    enabled: known(() => resource.props.enabled) === true,
                    eventTypes: types === UNKNOWN ? [] : (types as string[]).map(v2EventType),
                    streamArn: kinesis === UNKNOWN ? UNKNOWN : kinesis === undefined ? undefined : known(() => kinesis.streamArn),
                },
            ];
        }
        return [];
    });
}
