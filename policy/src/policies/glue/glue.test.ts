import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { athenaFriendlyNames } from "./athenaFriendlyNames";
import { projectionComplete } from "./projectionComplete";
import { PARTITIONS_MANAGED_BY, tableProjected } from "./tableProjected";

test("the ses-logs database and table pass", () => {
    assert.deepEqual(checkResource(athenaFriendlyNames, make("database")), []);
    assert.deepEqual(checkResource(athenaFriendlyNames, make("table")), []);
    assert.deepEqual(checkResource(projectionComplete, make("table")), []);
});

test("the article's hyphenated database name is reported", () => {
    assert.match(checkResource(athenaFriendlyNames, make("database", p => { p.name = "ses-logs-ap-northeast-1"; })).join(), /needs quoting/);
});

test("projection without template, or a key the template does not use, is reported", () => {
    assert.match(checkResource(projectionComplete, make("table", p => { delete p.parameters["storage.location.template"]; })).join(), /template is missing/);
    const noDay = make("table", p => { p.parameters["storage.location.template"] = "s3://b/partitioned/${event_type}/"; });
    assert.match(checkResource(projectionComplete, noDay).join(), /does not use partition key day/);
    assert.match(checkResource(projectionComplete, make("table", p => { delete p.parameters["projection.day.type"]; })).join(), /no projection.day.type/);
});

test("an unknown template is not a violation", () => {
    const unknown = make("table", p => { p.parameters["storage.location.template"] = UNKNOWN; });
    assert.throws(() => checkResource(projectionComplete, unknown), (e: unknown) => e instanceof UnknownValueError);
});

test("projection: the ses-logs table is projected; a table that says what registers its partitions passes", () => {
    assert.deepEqual(checkResource(tableProjected, make("table")), []);
    const crawled = make("table", p => { p.parameters = { [PARTITIONS_MANAGED_BY]: "glue crawler ses-logs-daily" }; });
    assert.deepEqual(checkResource(tableProjected, crawled), []);
});

test("projection: a partitioned table over S3 without projection fails, naming it", () => {
    assert.match(checkResource(tableProjected, make("table", p => { p.parameters = {}; })).join(),
        /Table seslogs is partitioned by event_type, day without partition projection/);
});

test("projection: unknown parameters are an unknown value, not a violation", () => {
    assert.throws(() => checkResource(tableProjected, make("table", p => { p.parameters["projection.enabled"] = UNKNOWN; })),
        (e: unknown) => e instanceof UnknownValueError);
});
