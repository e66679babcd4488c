import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, UNKNOWN, UnknownValueError } from "../../testing";
import { make } from "../../fixtures";
import { athenaWorkgroupEnforced } from "./athenaWorkgroupEnforced";

test("the ses-logs workgroup passes", () => {
    assert.deepEqual(checkResource(athenaWorkgroupEnforced, make("workgroup")), []);
});

test("an unenforced, unencrypted or uncapped workgroup fails, naming it", () => {
    assert.match(
        checkResource(
            athenaWorkgroupEnforced,
            make("workgroup", p => {
                p.configuration.enforceWorkgroupConfiguration = false;
            }),
        ).join(),
        /Workgroup ses-logs-ap-northeast-1 does not enforce its configuration/,
    );
    assert.match(
        checkResource(
            athenaWorkgroupEnforced,
            make("workgroup", p => {
                delete p.configuration.resultConfiguration.encryptionConfiguration;
            }),
        ).join(),
        /does not encrypt query results \(encryptionOption unset\)/,
    );
    assert.match(
        checkResource(
            athenaWorkgroupEnforced,
            make("workgroup", p => {
                delete p.configuration.bytesScannedCutoffPerQuery;
            }),
        ).join(),
        /has no bytesScannedCutoffPerQuery/,
    );
    const big = make("workgroup", p => {
        p.configuration.bytesScannedCutoffPerQuery = 200 * 1024 ** 3;
    });
    assert.match(checkResource(athenaWorkgroupEnforced, big).join(), /at 204800 MiB; allowed 10-102400 MiB/);
    assert.deepEqual(checkResource(athenaWorkgroupEnforced, big, { maxScanCutoffMb: 204800 }), [], "the bound is configurable");
});

test("an unknown workgroup configuration is an unknown value, not a violation", () => {
    assert.throws(
        () =>
            checkResource(
                athenaWorkgroupEnforced,
                make("workgroup", p => {
                    p.configuration.enforceWorkgroupConfiguration = UNKNOWN;
                }),
            ),
        (e: unknown) => e instanceof UnknownValueError,
    );
});
