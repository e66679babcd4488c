import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { athenaFriendlyNames } from "./athenaFriendlyNames";
import { projectionComplete } from "./projectionComplete";

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
