import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { glueAthenaFriendlyNames } from "./glueAthenaFriendlyNames";
import { glueProjectionComplete } from "./glueProjectionComplete";
import { PARTITIONS_MANAGED_BY, glueTablePartitionProjection } from "./glueTablePartitionProjection";

test("the ses-logs database and table pass", () => {
    assert.deepEqual(checkResource(glueAthenaFriendlyNames, make("database")), []);
    assert.deepEqual(checkResource(glueAthenaFriendlyNames, make("table")), []);
    assert.deepEqual(checkResource(glueProjectionComplete, make("table")), []);
});

test("the article's hyphenated database name is reported", () => {
    assert.match(
        checkResource(
            glueAthenaFriendlyNames,
            make("database", p => {
                p.name = "ses-logs-ap-northeast-1";
            }),
        ).join(),
        /needs quoting/,
    );
});

test("projection without template, or a key the template does not use, is reported", () => {
    assert.match(
        checkResource(
            glueProjectionComplete,
            make("table", p => {
                delete p.parameters["storage.location.template"];
            }),
        ).join(),
        /has partition projection on but no storage.location.template: Athena finds nothing. Fix: /,
    );
    const noDay = make("table", p => {
        p.parameters["storage.location.template"] = "s3://b/partitioned/${event_type}/";
    });
    assert.match(checkResource(glueProjectionComplete, noDay).join(), /does not use partition key day/);
    assert.match(
        checkResource(
            glueProjectionComplete,
            make("table", p => {
                delete p.parameters["projection.day.type"];
            }),
        ).join(),
        /no projection.day.type/,
    );
});

test("an unknown template is not a violation", () => {
    const unknown = make("table", p => {
        p.parameters["storage.location.template"] = UNKNOWN;
    });
    assert.throws(
        () => checkResource(glueProjectionComplete, unknown),
        (e: unknown) => e instanceof UnknownValueError,
    );
});

test("projection: the ses-logs table is projected; a table that says what registers its partitions passes", () => {
    assert.deepEqual(checkResource(glueTablePartitionProjection, make("table")), []);
    const crawled = make("table", p => {
        p.parameters = { [PARTITIONS_MANAGED_BY]: "glue crawler ses-logs-daily" };
    });
    assert.deepEqual(checkResource(glueTablePartitionProjection, crawled), []);
});

test("projection: a partitioned table over S3 without projection fails, naming it", () => {
    assert.match(
        checkResource(
            glueTablePartitionProjection,
            make("table", p => {
                p.parameters = {};
            }),
        ).join(),
        /Table seslogs is partitioned by event_type, day without partition projection/,
    );
});

test("projection: unknown parameters are an unknown value, not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                glueTablePartitionProjection,
                make("table", p => {
                    p.parameters["projection.enabled"] = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});
