import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { workgroupEnforced } from "./workgroupEnforced";

test("the ses-logs workgroup passes", () => {
    assert.deepEqual(checkResource(workgroupEnforced, make("workgroup")), []);
});

test("an unenforced, unencrypted or uncapped workgroup fails, naming it", () => {
    assert.match(checkResource(workgroupEnforced, make("workgroup", p => { p.configuration.enforceWorkgroupConfiguration = false; })).join(),
        /Workgroup ses-logs-ap-northeast-1 does not enforce its configuration/);
    assert.match(checkResource(workgroupEnforced, make("workgroup", p => { delete p.configuration.resultConfiguration.encryptionConfiguration; })).join(),
        /does not encrypt query results \(encryptionOption unset\)/);
    assert.match(checkResource(workgroupEnforced, make("workgroup", p => { delete p.configuration.bytesScannedCutoffPerQuery; })).join(),
        /has no bytesScannedCutoffPerQuery/);
    const big = make("workgroup", p => { p.configuration.bytesScannedCutoffPerQuery = 200 * 1024 ** 3; });
    assert.match(checkResource(workgroupEnforced, big).join(), /at 204800 MiB; allowed 10-102400 MiB/);
    assert.deepEqual(checkResource(workgroupEnforced, big, { maxScanCutoffMb: 204800 }), [], "the bound is configurable");
});

test("an unknown workgroup configuration is an unknown value, not a violation", () => {
    assert.throws(() => checkResource(workgroupEnforced, make("workgroup", p => { p.configuration.enforceWorkgroupConfiguration = UNKNOWN; })),
        (e: unknown) => e instanceof UnknownValueError);
});
