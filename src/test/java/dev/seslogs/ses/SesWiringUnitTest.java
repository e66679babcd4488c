package dev.seslogs.ses;

import static dev.seslogs.ComponentTests.ACCOUNT;
import static dev.seslogs.ComponentTests.ACCOUNT_REGIONAL;
import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static dev.seslogs.ComponentTests.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import dev.seslogs.ComponentTests;
import dev.seslogs.config.SesIdentity;
import dev.seslogs.events.SesEventType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SesWiringUnitTest {
    private static final String IDENTITY = "aws:sesv2/emailIdentity:EmailIdentity";
    private static final String TOPIC = "aws:ses/identityNotificationTopic:IdentityNotificationTopic";
    private static final String RECORD = "aws:route53/record:Record";
    private static final String CONFIGURATION_SET = "aws:sesv2/configurationSet:ConfigurationSet";
    private static final String VDM = "aws:sesv2/accountVdmAttributes:AccountVdmAttributes";
    private static final String STREAM_ARN =
            "arn:aws:firehose:eu-west-1:111122223333:deliverystream/" + ACCOUNT_REGIONAL;
    private static final String FEEDBACK_ARN = "arn:aws:sns:eu-west-1:111122223333:ses-logs-feedback";
    private static final SesIdentity NEW_DOMAIN = new SesIdentity("example.com", SesIdentity.Kind.DOMAIN, false);
    private static final SesIdentity ADOPTED_DOMAIN =
            new SesIdentity("mail.example.org", SesIdentity.Kind.DOMAIN, true);
    private static final SesIdentity ADDRESS =
            new SesIdentity("alerts@example.net", SesIdentity.Kind.EMAIL_ADDRESS, false);

    private static ComponentTests.Built<SesWiring> ses(
            List<SesIdentity> identities, boolean suppress, boolean insights, Map<String, String> zones) {
        return ComponentTests.build(f -> new SesWiring(
                "ses",
                new SesWiring.Args(
                        Map.of("Cost", "SES"),
                        identities,
                        List.of(SesEventType.SEND, SesEventType.BOUNCE, SesEventType.DELIVERY_DELAY),
                        suppress,
                        insights,
                        Optional.of("bounce"),
                        zones,
                        Optional.of("quarantine")),
                f.names(),
                f.target(),
                Output.of(STREAM_ARN),
                Output.of(FEEDBACK_ARN),
                f.options()));
    }

    private static ComponentTests.Built<SesWiring> ses(List<SesIdentity> identities) {
        return ses(identities, false, false, Map.of());
    }

    @Test
    void everyIdentityIsOneIdentityResourceWiredToTheConfigurationSetAndTheFeedbackTopic() {
        var built = ses(List.of(NEW_DOMAIN, ADOPTED_DOMAIN, ADDRESS));
        assertEquals(
                Set.of("identity-example-com", "identity-mail-example-org", "identity-alerts-example-net"),
                built.names(IDENTITY));
        built.ofType(IDENTITY)
                .forEach(identity -> assertEquals(ACCOUNT_REGIONAL, input(identity, "configurationSetName")));
        assertEquals(
                "alerts@example.net", input(built.named(IDENTITY, "identity-alerts-example-net"), "emailIdentity"));
        assertEquals(6, built.ofType(TOPIC).size(), "a bounce and a complaint topic per identity");
        var bounce = built.named(TOPIC, "identity-example-com-bounce-topic");
        assertEquals("example.com", input(bounce, "identity"));
        assertEquals("Bounce", input(bounce, "notificationType"));
        assertEquals(FEEDBACK_ARN, input(bounce, "topicArn"));
        assertEquals(
                false,
                input(
                        built.named(
                                "aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes",
                                "identity-example-com-feedback-forwarding"),
                        "emailForwardingEnabled"));
    }

    @Test
    void anAdoptedIdentityIsImportedRetainedAndLeftAsItIs() {
        var built = ses(List.of(NEW_DOMAIN, ADOPTED_DOMAIN));
        var adopted = built.named(IDENTITY, "identity-mail-example-org");
        assertEquals("mail.example.org", adopted.id, "imported by its name");
        var adoptedOptions = built.options(IDENTITY, "identity-mail-example-org");
        assertEquals(Optional.of("mail.example.org"), adoptedOptions.getImportId());
        assertTrue(adoptedOptions.isRetainOnDelete(), "destroy leaves an adopted identity in SES");
        assertNull(input(adopted, "dkimSigningAttributes"), "its DKIM setup is its owner's");

        var created = built.named(IDENTITY, "identity-example-com");
        assertTrue(
                created.id == null || created.id.isEmpty(), "a new identity is created, not imported: " + created.id);
        assertFalse(built.options(IDENTITY, "identity-example-com").isRetainOnDelete());
        assertEquals("RSA_2048_BIT", input(created, "dkimSigningAttributes.nextSigningKeyLength"));
        assertEquals(
                Set.of("identity-example-com-mail-from"),
                built.names("aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes"));
    }

    @Test
    void txtValuesAreUnquotedInRoute53ButQuotedInTheDnsRecordsOutput() {
        var built = ses(List.of(NEW_DOMAIN, ADOPTED_DOMAIN), false, false, Map.of("example.com", "Z123"));
        assertEquals(
                Set.of(
                        "identity-example-com-dns-dkim-1",
                        "identity-example-com-dns-dkim-2",
                        "identity-example-com-dns-dkim-3",
                        "identity-example-com-dns-mail-from-mx",
                        "identity-example-com-dns-mail-from-spf",
                        "identity-example-com-dns-dmarc"),
                built.names(RECORD),
                "records only for the created domain in a configured zone");
        var spf = built.named(RECORD, "identity-example-com-dns-mail-from-spf");
        assertEquals("Z123", input(spf, "zoneId"));
        assertEquals("bounce.example.com", input(spf, "name"));
        assertEquals("TXT", input(spf, "type"));
        assertEquals(List.of("v=spf1 include:amazonses.com ~all"), input(spf, "records"));
        assertEquals(1800.0, input(spf, "ttl"));
        assertEquals(
                List.of("v=DMARC1; p=quarantine"),
                input(built.named(RECORD, "identity-example-com-dns-dmarc"), "records"));
        var dkim = built.named(RECORD, "identity-example-com-dns-dkim-1");
        assertEquals("token1._domainkey.example.com", input(dkim, "name"));
        assertEquals(List.of("token1.dkim.amazonses.com"), input(dkim, "records"));
        assertEquals(
                List.of("10 feedback-smtp.eu-west-1.amazonses.com"),
                input(built.named(RECORD, "identity-example-com-dns-mail-from-mx"), "records"));

        var output = built.value(SesWiring::dnsRecords);
        assertEquals(List.of("example.com", "mail.example.org"), List.copyOf(new java.util.TreeSet<>(output.keySet())));
        var records = output.get("example.com");
        assertEquals(
                Map.of(
                        "name",
                        "bounce.example.com",
                        "type",
                        "TXT",
                        "value",
                        "\"v=spf1 include:amazonses.com ~all\"",
                        "zone",
                        "Z123"),
                records.get(4));
        assertEquals(
                Map.of(
                        "name",
                        "_dmarc.example.com",
                        "type",
                        "TXT",
                        "value",
                        "\"v=DMARC1; p=quarantine\"",
                        "zone",
                        "Z123"),
                records.get(5));
        assertEquals(
                List.of(
                        "token1._domainkey.mail.example.org",
                        "token2._domainkey.mail.example.org",
                        "token3._domainkey.mail.example.org",
                        "_dmarc.mail.example.org"),
                output.get("mail.example.org").stream()
                        .map(record -> record.get("name"))
                        .toList(),
                "an adopted domain: its DKIM and DMARC to publish, no MAIL FROM, no zone");
    }

    @Test
    void deliverabilityInsightsSwitchTheAccountOnAndAreRetainedOnlyWhenAsked() {
        var on = ses(List.of(), false, true, Map.of());
        var account = on.one(VDM);
        assertEquals("ENABLED", input(account, "vdmEnabled"));
        assertTrue(
                on.options(VDM, "deliverability-insights").isRetainOnDelete(),
                "destroy never switches VDM off for the account");
        assertEquals("ENABLED", input(on.one(CONFIGURATION_SET), "vdmOptions.dashboardOptions.engagementMetrics"));

        var off = ses(List.of(), false, false, Map.of());
        assertEquals(Set.of(), off.names(VDM));
        assertNull(input(off.one(CONFIGURATION_SET), "vdmOptions"));
    }

    @Test
    void theConfigurationSetPublishesTheChosenEventsToTheStreamAndSuppressesOnlyWhenAsked() {
        var built = ses(List.of(), true, false, Map.of());
        var set = built.one(CONFIGURATION_SET);
        assertEquals(ACCOUNT_REGIONAL, input(set, "configurationSetName"));
        assertEquals("REQUIRE", input(set, "deliveryOptions.tlsPolicy"));
        assertEquals(List.of("BOUNCE", "COMPLAINT"), input(set, "suppressionOptions.suppressedReasons"));
        assertNull(input(ses(List.of()).one(CONFIGURATION_SET), "suppressionOptions"));

        var destination = built.named(
                "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination", "event-destination");
        assertEquals(
                List.of("SEND", "BOUNCE", "DELIVERY_DELAY"), input(destination, "eventDestination.matchingEventTypes"));
        assertEquals(STREAM_ARN, input(destination, "eventDestination.kinesisFirehoseDestination.deliveryStreamArn"));
        var trust = json(built.one("aws:iam/role:Role"), "assumeRolePolicy");
        assertEquals(
                "arn:aws:ses:eu-west-1:" + ACCOUNT + ":configuration-set/" + ACCOUNT_REGIONAL,
                statement(trust, "SesOfThisConfigurationSet")
                        .at("/Condition/StringEquals/aws:SourceArn")
                        .asText());
        assertEquals(ACCOUNT_REGIONAL, built.value(SesWiring::configurationSetName));
    }
}
