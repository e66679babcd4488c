import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { partitionedStreamRules } from "./partitionedStreamRules";

test("the ses-logs stream passes", () => {
    assert.deepEqual(checkResource(partitionedStreamRules, make("stream")), []);
});

test("each dynamic-partitioning rule Firehose enforces at deploy time is reported", () => {
    const small = make("stream", p => { p.extendedS3Configuration.bufferingSize = 32; });
    assert.match(checkResource(partitionedStreamRules, small).join(), /at least 64 MiB; it is 32/);
    const noErrorType = make("stream", p => { p.extendedS3Configuration.errorOutputPrefix = "errors/"; });
    assert.match(checkResource(partitionedStreamRules, noErrorType).join(), /must contain !\{firehose:error-output-type\}/);
    const keyInErrors = make("stream", p => { p.extendedS3Configuration.errorOutputPrefix += "!{partitionKeyFromQuery:EventType}/"; });
    assert.match(checkResource(partitionedStreamRules, keyInErrors).join(), /may not use partitionKeyFromQuery/);
    const weekYear = make("stream", p => { p.extendedS3Configuration.errorOutputPrefix = "errorLog/!{firehose:error-output-type}/dt=!{timestamp:YYYY}/"; });
    assert.match(checkResource(partitionedStreamRules, weekYear).join(), /week-based year/);
});

test("uncompressed output and missing error logging are reported", () => {
    const plain = make("stream", p => { p.extendedS3Configuration.compressionFormat = "UNCOMPRESSED"; delete p.extendedS3Configuration.cloudwatchLoggingOptions; });
    const violations = checkResource(partitionedStreamRules, plain).join("\n");
    assert.match(violations, /uncompressed/);
    assert.match(violations, /does not log delivery errors/);
});

test("the minimum buffer is configurable and an unknown prefix is not a violation", () => {
    const at96 = make("stream", p => { p.extendedS3Configuration.bufferingSize = 96; });
    assert.match(checkResource(partitionedStreamRules, at96, { minBufferMiB: 128 }).join(), /at least 128 MiB/);
    const unknown = make("stream", p => { p.extendedS3Configuration.errorOutputPrefix = UNKNOWN; });
    assert.throws(() => checkResource(partitionedStreamRules, unknown), (e: unknown) => e instanceof UnknownValueError);
});
