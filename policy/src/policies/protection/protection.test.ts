import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, resource } from "../../testing";
import { make } from "../../fixtures";
import { dataBearingResourcesProtected } from "./dataBearingResourcesProtected";
import { T } from "../../types";

test("a protected bucket passes; other resources need no protection", () => {
    assert.deepEqual(checkResource(dataBearingResourcesProtected, make("bucket")), []);
    assert.deepEqual(checkResource(dataBearingResourcesProtected, make("topic")), []);
});

test("an unprotected bucket or key is reported", () => {
    assert.match(
        checkResource(dataBearingResourcesProtected, resource(T.bucket, "logs", { bucket: "x" }, { protect: false })).join(),
        /not protected/,
    );
    assert.match(checkResource(dataBearingResourcesProtected, resource(T.kmsKey, "key", {}, { protect: false })).join(), /not protected/);
});

test("protection depends on resource options only, never on unknown inputs", () => {
    assert.deepEqual(
        checkResource(
            dataBearingResourcesProtected,
            resource(T.bucket, "logs", { bucket: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, { protect: true }),
        ),
        [],
    );
});
