import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** Firehose accepts these at compile time and fails at deploy time or drops data later. */
export const firehosePartitionedStreamRules: ResourceValidationPolicy = {
    name: "firehose-partitioned-stream-rules",
    description:
        "Firehose streams to S3 compress their output, log delivery errors, and, with dynamic partitioning, buffer at least 64 MiB and have a valid error prefix.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minBufferMiB: { type: "integer", default: 64, minimum: 64, maximum: 128 } } },
    validateResource: forTypes([T.firehose], (args, reportViolation) => {
        const s3 = args.props.extendedS3Configuration;
        if (s3 === undefined) {
            return;
        }
        const { minBufferMiB = 64 } = args.getConfig<{ minBufferMiB?: number }>();
        if (s3.compressionFormat === undefined || s3.compressionFormat === "UNCOMPRESSED") {
            reportViolation(
                `Stream ${args.name} writes uncompressed objects. Fix: set extendedS3Configuration.compressionFormat = GZIP (Athena reads it directly).`,
            );
        }
        if (s3.cloudwatchLoggingOptions?.enabled !== true) {
            reportViolation(
                `Stream ${args.name} does not log delivery errors to CloudWatch Logs. Fix: set extendedS3Configuration.cloudwatchLoggingOptions with enabled = true and the stack's log group and stream.`,
            );
        }
        if (s3.dynamicPartitioningConfiguration?.enabled === true) {
            const buffer = s3.bufferingSize ?? 5;
            if (buffer < minBufferMiB) {
                reportViolation(
                    `Stream ${args.name}: dynamic partitioning needs a buffer of at least ${minBufferMiB} MiB; it is ${buffer}. Fix: set extendedS3Configuration.bufferingSize to ${minBufferMiB} or more (Firehose refuses less).`,
                );
            }
            const errorPrefix: string = s3.errorOutputPrefix ?? "";
            const prefix: string = s3.prefix ?? "";
            if (!errorPrefix.includes("!{firehose:error-output-type}")) {
                reportViolation(
                    `Stream ${args.name}: with dynamic partitioning the error output prefix must contain !{firehose:error-output-type}. Fix: errorOutputPrefix like "errorLog/!{firehose:error-output-type}/dt=!{timestamp:yyyy}-!{timestamp:MM}-!{timestamp:dd}/".`,
                );
            }
            if (errorPrefix.includes("partitionKeyFromQuery")) {
                reportViolation(
                    `Stream ${args.name}: the error output prefix may not use partitionKeyFromQuery (Firehose refuses it). Fix: remove the partition key from errorOutputPrefix.`,
                );
            }
            if (prefix.includes("!{firehose:error-output-type}")) {
                reportViolation(
                    `Stream ${args.name}: the data prefix may not contain !{firehose:error-output-type} (Firehose refuses it). Fix: keep it in errorOutputPrefix only.`,
                );
            }
            if (/!\{timestamp:[^}]*Y/.test(prefix + errorPrefix)) {
                reportViolation(
                    `Stream ${args.name}: a prefix uses YYYY, Java's week-based year: late-December objects land under the next year. Fix: use yyyy.`,
                );
            }
        }
    }),
};
