import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../../types";
import { forTypes } from "../../stack";

/** Firehose accepts these at compile time and fails at deploy time or drops data later. */
export const firehosePartitionedStreamRules: ResourceValidationPolicy = {
    name: "firehose-partitioned-stream-rules",
    description:
        "Firehose streams to S3 compress their output, log delivery errors, and, with dynamic partitioning, buffer at least 64 MiB and have a valid error prefix; a stream converting records to Parquet or ORC leaves S3 compression off, compresses inside the format, and names one deserializer, one serializer and its schema's database, table and role.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minBufferMiB: { type: "integer", default: 64, minimum: 64, maximum: 128 } } },
    validateResource: forTypes([T.firehose], (args, reportViolation) => {
        const s3 = args.props.extendedS3Configuration;
        if (s3 === undefined) {
            return;
        }
        const { minBufferMiB = 64 } = args.getConfig<{ minBufferMiB?: number }>();
        const conversion = s3.dataFormatConversionConfiguration;
        if (conversion !== undefined && conversion.enabled !== false) {
            formatConversionRules(args.name, s3, conversion, reportViolation);
        } else if (s3.compressionFormat === undefined || s3.compressionFormat === "UNCOMPRESSED") {
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

/**
 * Record format conversion (Firehose developer guide, "Convert input data format"): Firehose
 * refuses S3 compression with it (the format compresses its own pages), needs exactly one
 * deserializer and one serializer, and reads the schema from a Glue table with a role.
 */
function formatConversionRules(name: string, s3: any, conversion: any, reportViolation: (message: string) => void) {
    if (s3.compressionFormat !== undefined && s3.compressionFormat !== "UNCOMPRESSED") {
        reportViolation(
            `Stream ${name} converts records to a columnar format and also compresses objects with ${s3.compressionFormat}; Firehose refuses both. Fix: set extendedS3Configuration.compressionFormat = UNCOMPRESSED (the format compresses its own pages).`,
        );
    }
    const deserializers = Object.keys(conversion.inputFormatConfiguration?.deserializer ?? {});
    const serializers = Object.keys(conversion.outputFormatConfiguration?.serializer ?? {});
    if (deserializers.length !== 1 || serializers.length !== 1) {
        reportViolation(
            `Stream ${name} converts records with ${deserializers.length} deserializers and ${serializers.length} serializers; Firehose takes exactly one of each. Fix: one of openXJsonSerDe or hiveJsonSerDe, and one of parquetSerDe or orcSerDe.`,
        );
    }
    const serializer = conversion.outputFormatConfiguration?.serializer ?? {};
    const compression = serializer.parquetSerDe?.compression ?? serializer.orcSerDe?.compression;
    if (compression === "UNCOMPRESSED" || compression === "NONE") {
        reportViolation(
            `Stream ${name} writes uncompressed ${serializer.parquetSerDe ? "Parquet" : "ORC"}. Fix: set the serializer's compression to GZIP or SNAPPY.`,
        );
    }
    const schema = conversion.schemaConfiguration ?? {};
    const missing = ["databaseName", "tableName", "roleArn"].filter(key => schema[key] === undefined || schema[key] === "");
    if (missing.length > 0) {
        reportViolation(
            `Stream ${name} converts records without ${missing.join(", ")} in its schema configuration. Fix: name the Glue database and table whose schema the records follow, and a role that may read it.`,
        );
    }
}
