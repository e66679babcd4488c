import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { firehosePartitionedStreamRules } from "./firehosePartitionedStreamRules";
import { firehosePartitionKeysProduced } from "./firehosePartitionKeysProduced";
import { firehoseStreamEncrypted } from "./firehoseStreamEncrypted";

test("the ses-logs stream passes", () => {
    assert.deepEqual(checkResource(firehosePartitionedStreamRules, make("stream")), []);
});

test("each dynamic-partitioning rule Firehose enforces at deploy time is reported", () => {
    const small = make("stream", p => {
        p.extendedS3Configuration.bufferingSize = 32;
    });
    assert.match(checkResource(firehosePartitionedStreamRules, small).join(), /at least 64 MiB; it is 32/);
    const noErrorType = make("stream", p => {
        p.extendedS3Configuration.errorOutputPrefix = "errors/";
    });
    assert.match(checkResource(firehosePartitionedStreamRules, noErrorType).join(), /must contain !\{firehose:error-output-type\}/);
    const keyInErrors = make("stream", p => {
        p.extendedS3Configuration.errorOutputPrefix += "!{partitionKeyFromQuery:EventType}/";
    });
    assert.match(checkResource(firehosePartitionedStreamRules, keyInErrors).join(), /may not use partitionKeyFromQuery/);
    const weekYear = make("stream", p => {
        p.extendedS3Configuration.errorOutputPrefix = "errorLog/!{firehose:error-output-type}/dt=!{timestamp:YYYY}/";
    });
    assert.match(checkResource(firehosePartitionedStreamRules, weekYear).join(), /week-based year/);
});

test("uncompressed output and missing error logging are reported", () => {
    const plain = make("stream", p => {
        p.extendedS3Configuration.compressionFormat = "UNCOMPRESSED";
        delete p.extendedS3Configuration.cloudwatchLoggingOptions;
    });
    const violations = checkResource(firehosePartitionedStreamRules, plain).join("\n");
    assert.match(violations, /uncompressed/);
    assert.match(violations, /does not log delivery errors/);
});

test("the minimum buffer is configurable and an unknown prefix is not a violation", () => {
    const at96 = make("stream", p => {
        p.extendedS3Configuration.bufferingSize = 96;
    });
    assert.match(checkResource(firehosePartitionedStreamRules, at96, { minBufferMiB: 128 }).join(), /at least 128 MiB/);
    const unknown = make("stream", p => {
        p.extendedS3Configuration.errorOutputPrefix = UNKNOWN;
    });
    assert.throws(
        () => checkResource(firehosePartitionedStreamRules, unknown),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("partition keys: the ses-logs stream produces the key its prefix uses", () => {
    assert.deepEqual(checkResource(firehosePartitionKeysProduced, make("stream")), []);
});

test("partition keys: off, missing or not produced fail, naming the stream", () => {
    const s3 = (change: (s3: any) => void) => make("stream", p => change(p.extendedS3Configuration));
    assert.match(
        checkResource(
            firehosePartitionKeysProduced,
            s3(c => {
                c.dynamicPartitioningConfiguration.enabled = false;
            }),
        ).join(),
        /Stream stream's prefix uses EventType but dynamic partitioning is off/,
    );
    assert.match(
        checkResource(
            firehosePartitionKeysProduced,
            s3(c => {
                c.processingConfiguration.enabled = false;
            }),
        ).join(),
        /processing has no enabled MetadataExtraction processor/,
    );
    assert.match(
        checkResource(
            firehosePartitionKeysProduced,
            s3(c => {
                c.processingConfiguration.processors[0].parameters[0].parameterValue = "{Type: .eventType}";
            }),
        ).join(),
        /does not produce EventType/,
    );
    assert.match(
        checkResource(
            firehosePartitionKeysProduced,
            s3(c => {
                c.prefix = "logs/";
            }),
        ).join(),
        /names no partition key/,
    );
    assert.match(
        checkResource(
            firehosePartitionKeysProduced,
            s3(c => {
                c.prefix = "p/!{partitionKeyFromLambda:k}/";
            }),
        ).join(),
        /no enabled Lambda processor/,
    );
});

test("partition keys: an unknown prefix is an unknown value, not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                firehosePartitionKeysProduced,
                make("stream", p => {
                    p.extendedS3Configuration.prefix = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("stream encryption: the ses-logs stream encrypts its buffer; a Kinesis-sourced stream is not asked to", () => {
    assert.deepEqual(checkResource(firehoseStreamEncrypted, make("stream")), []);
    assert.deepEqual(
        checkResource(
            firehoseStreamEncrypted,
            make("stream", p => {
                delete p.serverSideEncryption;
                p.kinesisSourceConfiguration = { kinesisStreamArn: "arn" };
            }),
        ),
        [],
    );
});

test("stream encryption: off fails, naming the stream", () => {
    assert.match(
        checkResource(
            firehoseStreamEncrypted,
            make("stream", p => {
                p.serverSideEncryption.enabled = false;
            }),
        ).join(),
        /Stream stream does not encrypt buffered records/,
    );
    assert.match(
        checkResource(
            firehoseStreamEncrypted,
            make("stream", p => {
                delete p.serverSideEncryption;
            }),
        ).join(),
        /serverSideEncryption.enabled = true/,
    );
});

test("stream encryption: unknown is an unknown value, not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                firehoseStreamEncrypted,
                make("stream", p => {
                    p.serverSideEncryption = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});
