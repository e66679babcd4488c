import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, checkStack, UNKNOWN, UnknownValueError } from "../../testing";
import { make, stack } from "../../fixtures";
import { configurationSetRequiresTls } from "./configurationSetRequiresTls";
import { configurationSetLogsFeedback } from "./configurationSetLogsFeedback";
import { identityFullyWired } from "./identityFullyWired";

test("the ses-logs SES resources pass", () => {
    assert.deepEqual(checkResource(configurationSetRequiresTls, make("configurationSet")), []);
    assert.deepEqual(checkStack(configurationSetLogsFeedback, stack()), []);
    assert.deepEqual(checkStack(identityFullyWired, stack()), []);
});

test("a configuration set that allows plain SMTP is reported", () => {
    assert.match(checkResource(configurationSetRequiresTls, make("configurationSet", p => { p.deliveryOptions.tlsPolicy = "OPTIONAL"; })).join(), /without TLS/);
    assert.match(checkResource(configurationSetRequiresTls, make("configurationSet", p => { delete p.deliveryOptions; })).join(), /without TLS/);
});

test("a configuration set whose events leave out complaints, or are disabled, is reported", () => {
    const noComplaints = make("destination", p => { p.eventDestination.matchingEventTypes = ["SEND", "BOUNCE"]; });
    assert.match(checkStack(configurationSetLogsFeedback, stack({ destination: noComplaints })).join(), /publishes no COMPLAINT events/);
    const disabled = make("destination", p => { p.eventDestination.enabled = false; });
    assert.match(checkStack(configurationSetLogsFeedback, stack({ destination: disabled })).join(), /no BOUNCE or COMPLAINT/);
});

test("an identity without complaint topic or default configuration set is reported (the article's manual steps)", () => {
    assert.match(checkStack(identityFullyWired, stack({ complaintTopic: null })).join(), /example.com has no complaint feedback topic/);
    assert.match(checkStack(identityFullyWired, stack({ identity: make("identity", p => { delete p.configurationSetName; }) })).join(), /no default configuration set/);
});

test("an unknown TLS policy is not a violation but an unknown value", () => {
    const unknown = make("configurationSet", p => { p.deliveryOptions.tlsPolicy = UNKNOWN; });
    assert.throws(() => checkResource(configurationSetRequiresTls, unknown), (e: unknown) => e instanceof UnknownValueError);
    // An unknown topic ARN is a topic not created yet, not a missing one.
    assert.deepEqual(checkStack(identityFullyWired, stack({ bounceTopic: make("bounceTopic", p => { p.topicArn = UNKNOWN; }) })), []);
});
