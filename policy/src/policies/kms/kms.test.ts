import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, resource, UNKNOWN, UnknownValueError } from "../../testing";
import { T } from "../../types";
import { kmsKeyRotationEnabled } from "./kmsKeyRotationEnabled";

const key = (props: Record<string, any>) => resource(T.kmsKey, "data-key", { description: "ses-logs", ...props }, { protect: true });

test("a rotating symmetric key passes; asymmetric keys cannot rotate and are not asked to", () => {
    assert.deepEqual(checkResource(kmsKeyRotationEnabled, key({ enableKeyRotation: true })), []);
    assert.deepEqual(checkResource(kmsKeyRotationEnabled, key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })), []);
});

test("a symmetric key without rotation fails, naming it", () => {
    assert.match(checkResource(kmsKeyRotationEnabled, key({})).join(), /Key data-key does not rotate its key material/);
    assert.match(checkResource(kmsKeyRotationEnabled, key({ enableKeyRotation: false })).join(), /enableKeyRotation = true/);
});

test("an unknown rotation setting is an unknown value, not a violation", () => {
    assert.throws(
        () => checkResource(kmsKeyRotationEnabled, key({ enableKeyRotation: UNKNOWN })),
        (e: unknown) => e instanceof UnknownValueError,
    );
});
