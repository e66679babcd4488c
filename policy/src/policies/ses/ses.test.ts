import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource, checkStack, resource, UNKNOWN, UnknownValueError } from "../../testing";
import { T } from "../../types";
import { BUCKET, make, stack } from "../../fixtures";
import { sesConfigurationSetRequiresTls } from "./sesConfigurationSetRequiresTls";
import { sesConfigurationSetLogsEvents } from "./sesConfigurationSetLogsEvents";
import { sesIdentityFullyWired } from "./sesIdentityFullyWired";

test("the ses-logs SES resources pass", () => {
    assert.deepEqual(checkResource(sesConfigurationSetRequiresTls, make("configurationSet")), []);
    assert.deepEqual(checkStack(sesConfigurationSetLogsEvents, stack()), []);
    assert.deepEqual(checkStack(sesIdentityFullyWired, stack()), []);
});

test("a configuration set that allows plain SMTP is reported", () => {
    assert.match(
        checkResource(
            sesConfigurationSetRequiresTls,
            make("configurationSet", p => {
                p.deliveryOptions.tlsPolicy = "OPTIONAL";
            }),
        ).join(),
        /without TLS/,
    );
    assert.match(
        checkResource(
            sesConfigurationSetRequiresTls,
            make("configurationSet", p => {
                delete p.deliveryOptions;
            }),
        ).join(),
        /without TLS/,
    );
});

test("the log destination is judged on its own: types missing there, disabled, or another stream are reported", () => {
    const noComplaints = make("destination", p => {
        p.eventDestination.matchingEventTypes = ["SEND", "BOUNCE"];
    });
    assert.match(
        checkStack(sesConfigurationSetLogsEvents, stack({ destination: noComplaints })).join(),
        /Event destination destination of configuration set ses-logs-123456789012-ap-northeast-1 does not log DELIVERY, COMPLAINT, REJECT, DELIVERY_DELAY, RENDERING_FAILURE events/,
    );
    const sns = resource(T.eventDestination, "sns", {
        configurationSetName: BUCKET,
        eventDestinationName: "to-sns",
        eventDestination: {
            enabled: true,
            matchingEventTypes: ["BOUNCE", "COMPLAINT", "REJECT", "DELIVERY", "DELIVERY_DELAY", "RENDERING_FAILURE", "SEND"],
            snsDestination: { topicArn: "arn:aws:sns:x" },
        },
    });
    assert.match(
        checkStack(sesConfigurationSetLogsEvents, [...stack({ destination: noComplaints }), sns]).join(),
        /does not log DELIVERY/,
        "another destination's types do not count for the log",
    );
    const disabled = make("destination", p => {
        p.eventDestination.enabled = false;
    });
    assert.match(
        checkStack(sesConfigurationSetLogsEvents, stack({ destination: disabled })).join(),
        /Event destination destination of configuration set .* is disabled/,
    );
    const elsewhere = make("destination", p => {
        p.eventDestination.kinesisFirehoseDestination.deliveryStreamArn =
            "arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/other";
    });
    const found = checkStack(sesConfigurationSetLogsEvents, stack({ destination: elsewhere }));
    assert.match(
        found.join(),
        /writes to arn:aws:firehose:ap-northeast-1:123456789012:deliverystream\/other, a stream this stack does not create/,
    );
    assert.match(found.join(), /has no Firehose event destination to this stack's stream/);
    assert.deepEqual(
        checkStack(sesConfigurationSetLogsEvents, stack({ destination: noComplaints }), { eventTypes: ["SEND", "BOUNCE"] }),
        [],
        "configurable",
    );
});

test("an unknown stream ARN (first preview) is not a violation", () => {
    const unknown = make("destination", p => {
        p.eventDestination.kinesisFirehoseDestination.deliveryStreamArn = UNKNOWN;
    });
    assert.deepEqual(checkStack(sesConfigurationSetLogsEvents, stack({ destination: unknown })), []);
});

test("v1 SES resources are checked like v2", () => {
    const set = resource(T.configurationSetV1, "v1-set", { name: "v1-set", deliveryOptions: { tlsPolicy: "Require" } });
    assert.deepEqual(checkResource(sesConfigurationSetRequiresTls, set), []);
    assert.match(
        checkResource(sesConfigurationSetRequiresTls, resource(T.configurationSetV1, "v1-set", { name: "v1-set" })).join(),
        /Configuration set v1-set may deliver mail without TLS .* Fix: set deliveryOptions.tlsPolicy to Require/,
    );
    const v1Destination = (types: string[], enabled = true) =>
        resource(T.eventDestinationV1, "v1-destination", {
            name: "to-stream",
            configurationSetName: "v1-set",
            enabled,
            matchingTypes: types,
            kinesisDestination: {
                streamArn: `arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/${BUCKET}`,
                roleArn: "arn:aws:iam::123456789012:role/r",
            },
        });
    const all = ["send", "delivery", "reject", "bounce", "complaint", "renderingFailure", "deliveryDelay"];
    assert.deepEqual(checkStack(sesConfigurationSetLogsEvents, [...stack(), set, v1Destination(all)]), []);
    assert.match(
        checkStack(sesConfigurationSetLogsEvents, [...stack(), set, v1Destination(all.filter(t => t !== "renderingFailure"))]).join(),
        /does not log RENDERING_FAILURE/,
    );
    assert.match(
        checkStack(sesConfigurationSetLogsEvents, [...stack(), set, v1Destination(all, false)]).join(),
        /v1-destination .* is disabled/,
    );
    assert.match(
        checkStack(sesConfigurationSetLogsEvents, [...stack(), set]).join(),
        /Configuration set v1-set \(v1-set\) has no Firehose event destination/,
    );
    const domain = resource(T.domainIdentityV1, "legacy", { domain: "legacy.example.com" });
    assert.match(checkStack(sesIdentityFullyWired, [...stack(), domain]).join(), /Identity legacy.example.com is a v1 SES identity/);
});

test("an identity whose default configuration set is not the stack's is reported", () => {
    assert.match(
        checkStack(
            sesIdentityFullyWired,
            stack({
                identity: make("identity", p => {
                    p.configurationSetName = "elsewhere";
                }),
            }),
        ).join(),
        /Identity example.com's default configuration set elsewhere is not one this stack creates/,
    );
    const unknownLinked = {
        ...make("identity", p => {
            p.configurationSetName = UNKNOWN;
        }),
        propertyDependencies: { configurationSetName: [make("configurationSet")] },
    } as any;
    assert.deepEqual(
        checkStack(sesIdentityFullyWired, stack({ identity: unknownLinked })),
        [],
        "linked by the engine's dependencies while unknown",
    );
});

test("an identity without complaint topic or default configuration set is reported (the article's manual steps)", () => {
    assert.match(checkStack(sesIdentityFullyWired, stack({ complaintTopic: null })).join(), /example.com has no complaint feedback topic/);
    assert.match(
        checkStack(
            sesIdentityFullyWired,
            stack({
                identity: make("identity", p => {
                    delete p.configurationSetName;
                }),
            }),
        ).join(),
        /no default configuration set/,
    );
});

test("an unknown TLS policy is not a violation but an unknown value", () => {
    const unknown = make("configurationSet", p => {
        p.deliveryOptions.tlsPolicy = UNKNOWN;
    });
    assert.throws(
        () => checkResource(sesConfigurationSetRequiresTls, unknown),
        (e: unknown) => e instanceof UnknownValueError,
    );
    // An unknown topic ARN is a topic not created yet, not a missing one.
    assert.deepEqual(
        checkStack(
            sesIdentityFullyWired,
            stack({
                bounceTopic: make("bounceTopic", p => {
                    p.topicArn = UNKNOWN;
                }),
            }),
        ),
        [],
    );
});
