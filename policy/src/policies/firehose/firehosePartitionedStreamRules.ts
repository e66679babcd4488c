import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";

/** Firehose accepts these at compile time and fails at deploy time or drops data later. */
export const firehosePartitionedStreamRules: ResourceValidationPolicy = {
    name: "firehose-partitioned-stream-rules",
    description: "Firehose streams to S3 compress their output, log delivery errors, and, with dynamic partitioning, buffer at least 64 MiB and have a valid error prefix.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minBufferMiB: { type: "integer", default: 64, minimum: 64, maximum: 128 } } },
    validateResource: (args, reportViolation) => {
        if (args.type !== T.firehose) {
            return;
        }
        const s3 = args.props.extendedS3Configuration;
        if (s3 === undefined) {
            return;
        }
        const { minBufferMiB = 64 } = args.getConfig<{ minBufferMiB?: number }>();
        if (s3.compressionFormat === undefined || s3.compressionFormat === "UNCOMPRESSED") {
            reportViolation("The stream writes uncompressed objects; use GZIP (Athena reads it directly).");
        }
        if (s3.cloudwatchLoggingOptions?.enabled !== true) {
            reportViolation("The stream does not log delivery errors to CloudWatch Logs.");
        }
        if (s3.dynamicPartitioningConfiguration?.enabled === true) {
            const buffer = s3.bufferingSize ?? 5;
            if (buffer < minBufferMiB) {
                reportViolation(`Dynamic partitioning needs a buffer of at least ${minBufferMiB} MiB; it is ${buffer}.`);
            }
            const errorPrefix: string = s3.errorOutputPrefix ?? "";
            const prefix: string = s3.prefix ?? "";
            if (!errorPrefix.includes("!{firehose:error-output-type}")) {
                reportViolation("With dynamic partitioning the error output prefix must contain !{firehose:error-output-type}.");
            }
            if (errorPrefix.includes("partitionKeyFromQuery")) {
                reportViolation("The error output prefix may not use partitionKeyFromQuery.");
            }
            if (prefix.includes("!{firehose:error-output-type}")) {
                reportViolation("The data prefix may not contain !{firehose:error-output-type}.");
            }
            if (/!\{timestamp:[^}]*Y/.test(prefix + errorPrefix)) {
                reportViolation("A prefix uses YYYY, Java's week-based year: late-December objects land under the next year. Use yyyy.");
            }
        }
    },
};
