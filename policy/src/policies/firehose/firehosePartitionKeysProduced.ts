import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** Partition keys named in a prefix, by source: `!{partitionKeyFromQuery:EventType}` is ("Query", "EventType"). */
function partitionKeys(prefix: string): { source: string; key: string }[] {
    return [...prefix.matchAll(/!\{partitionKeyFrom(Query|Lambda):([^}]+)\}/g)].map(m => ({ source: m[1], key: m[2] }));
}

function processorParameter(processor: any, name: string): string | undefined {
    return (processor?.parameters ?? []).find((p: any) => p?.parameterName === name)?.parameterValue;
}

/**
 * Firehose refuses a stream whose prefix names partition keys nobody produces, and a stream with
 * dynamic partitioning whose prefix names none; if the keys' query does not produce them, every
 * record goes to the error prefix instead of the table's folders.
 */
export const firehosePartitionKeysProduced: ResourceValidationPolicy = {
    name: "firehose-partition-keys-produced",
    description:
        "A Firehose prefix that uses partition keys has dynamic partitioning on and a processor that produces every key (a MetadataExtraction query naming it, or a Lambda); dynamic partitioning without partition keys in the prefix is refused by Firehose.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.firehose], (args, reportViolation) => {
        if (args.props.extendedS3Configuration === undefined) {
            return;
        }
        const s3 = args.props.extendedS3Configuration;
        const prefix: string = s3.prefix ?? "";
        const keys = partitionKeys(prefix);
        const dynamic = s3.dynamicPartitioningConfiguration?.enabled === true;
        if (keys.length > 0 && !dynamic) {
            reportViolation(
                `Stream ${args.name}'s prefix uses ${keys.map(k => k.key).join(", ")} but dynamic partitioning is off: Firehose refuses the stream. Fix: set dynamicPartitioningConfiguration.enabled = true (this replaces the stream).`,
            );
        }
        if (dynamic && keys.length === 0) {
            reportViolation(
                `Stream ${args.name} has dynamic partitioning on but its prefix names no partition key: Firehose refuses it. Fix: use !{partitionKeyFromQuery:<key>} in the prefix, or turn dynamic partitioning off.`,
            );
        }
        const processing = s3.processingConfiguration;
        const processors: any[] = processing?.enabled === true ? (processing.processors ?? []) : [];
        const extraction = processors.find(p => p?.type === "MetadataExtraction");
        const query = processorParameter(extraction, "MetadataExtractionQuery") ?? "";
        for (const { source, key } of keys) {
            if (source === "Query" && !new RegExp(`(^|[{,\\s])"?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?\\s*:`).test(query)) {
                reportViolation(
                    `Stream ${args.name}'s prefix uses partitionKeyFromQuery:${key}, but ${extraction ? "its MetadataExtractionQuery does not produce " + key : "processing has no enabled MetadataExtraction processor"}: every record would go to the error prefix. Fix: make the MetadataExtractionQuery produce ${key} ("{${key}: <jq expression>}"), with processingConfiguration enabled.`,
                );
            }
            if (source === "Lambda" && !processors.some(p => p?.type === "Lambda")) {
                reportViolation(
                    `Stream ${args.name}'s prefix uses partitionKeyFromLambda:${key}, but processing has no enabled Lambda processor. Fix: add and enable the Lambda processor that returns the key, or use partitionKeyFromQuery.`,
                );
            }
        }
    }),
};
