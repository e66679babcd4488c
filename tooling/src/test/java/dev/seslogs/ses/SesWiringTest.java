package dev.seslogs.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.Json;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SesWiringTest {
    private static final String NAME = "ses-logs-123456789012-ap-northeast-1";
    private static final String TOPIC_ARN = "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback";
    private static final String STREAM_ARN = "arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/" + NAME;
    private static final String CONFIGURATION_SET_ARN =
            "arn:aws:ses:ap-northeast-1:123456789012:configuration-set/" + NAME;
    private static final List<String> IDENTITIES = List.of("example.com", "mail.example.org", "alerts@example.net");
    private static StackSimulation.Result stack;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
    }

    private static DeclaredResource identity(String name) {
        return stack.ofType("aws:sesv2/emailIdentity:EmailIdentity").stream()
                .filter(r -> name.equals(r.input("emailIdentity")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no identity " + name));
    }

    @Test
    void configurationSetRequiresTlsAndTracksReputation() {
        var set = stack.one("aws:sesv2/configurationSet:ConfigurationSet");
        assertEquals(NAME, set.input("configurationSetName"));
        assertEquals("REQUIRE", set.input("deliveryOptions.tlsPolicy"));
        assertEquals(true, set.input("reputationOptions.reputationMetricsEnabled"));
        assertEquals(Map.of("Cost", "SES"), set.input("tags"));
    }

    @Test
    void eventDestinationSendsTheArticlesEightEventTypesToTheStream() {
        var destination = stack.named(
                "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination", "event-destination");
        assertEquals(NAME, destination.input("configurationSetName"));
        assertEquals(true, destination.input("eventDestination.enabled"));
        assertEquals(
                Set.of(
                        "SEND",
                        "DELIVERY",
                        "REJECT",
                        "BOUNCE",
                        "COMPLAINT",
                        "RENDERING_FAILURE",
                        "DELIVERY_DELAY",
                        "SUBSCRIPTION"),
                Set.copyOf((List<?>) destination.input("eventDestination.matchingEventTypes")));
        assertEquals(STREAM_ARN, destination.input("eventDestination.kinesisFirehoseDestination.deliveryStreamArn"));
        assertEquals(
                "arn:aws:iam::123456789012:role/ses-logs-ses-to-firehose-ap-northeast-1",
                destination.input("eventDestination.kinesisFirehoseDestination.iamRoleArn"));
        assertTrue(
                destination
                        .dependencies()
                        .contains(stack.named("aws:iam/rolePolicy:RolePolicy", "ses-to-firehose-policy")
                                .urn()),
                "SES tests the role when the destination is created");
    }

    @Test
    void openAndClickAreAddedWhenTrackingIsOn() {
        var tracked = Stacks.run(Stacks.with(Stacks.typicalConfig(), "trackOpensAndClicks", "true"))
                .orThrow();
        var types = (List<?>) tracked.named(
                        "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
                        "event-destination")
                .input("eventDestination.matchingEventTypes");
        assertEquals(10, types.size());
        assertTrue(types.containsAll(List.of("OPEN", "CLICK")));
    }

    @Test
    void onlySesForThisAccountAndConfigurationSetMayAssumeThePublishingRole() {
        var role = stack.named("aws:iam/role:Role", "ses-to-firehose-role");
        assertEquals("ses-logs-ses-to-firehose-ap-northeast-1", role.input("name"));
        var trust = Json.statement(role.input("assumeRolePolicy"), "SesOfThisConfigurationSet");
        assertEquals("ses.amazonaws.com", trust.at("/Principal/Service").asText());
        assertEquals(
                "123456789012",
                trust.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertEquals(
                CONFIGURATION_SET_ARN,
                trust.at("/Condition/StringEquals/aws:SourceArn").asText());
    }

    @Test
    void publishingRoleMayOnlyPutRecordsOnThisStream() {
        var document = stack.named("aws:iam/rolePolicy:RolePolicy", "ses-to-firehose-policy")
                .input("policy");
        var statements = Json.parse(document).get("Statement");
        assertEquals(1, statements.size(), "no logs:PutLogEvents: SES never writes logs");
        var put = Json.statement(document, "PutSesEventsOnTheStream");
        assertEquals(List.of("firehose:PutRecord", "firehose:PutRecordBatch"), Json.strings(put.get("Action")));
        assertEquals(List.of(STREAM_ARN), Json.strings(put.get("Resource")));
    }

    @Test
    void everyIdentityUsesTheConfigurationSetByDefault() {
        assertEquals(
                IDENTITIES.size(),
                stack.ofType("aws:sesv2/emailIdentity:EmailIdentity").size());
        for (var name : IDENTITIES) {
            assertEquals(NAME, identity(name).input("configurationSetName"), name);
            assertEquals(Map.of("Cost", "SES"), identity(name).input("tags"), name);
        }
    }

    @Test
    void everyIdentitySendsBouncesAndComplaintsToTheFeedbackTopicWithHeaders() {
        var topics = stack.ofType("aws:ses/identityNotificationTopic:IdentityNotificationTopic");
        assertEquals(IDENTITIES.size() * 2, topics.size());
        for (var name : IDENTITIES) {
            for (var type : List.of("Bounce", "Complaint")) {
                var topic = topics.stream()
                        .filter(t -> name.equals(t.input("identity")) && type.equals(t.input("notificationType")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + " has no " + type + " topic"));
                assertEquals(TOPIC_ARN, topic.input("topicArn"));
                assertEquals(true, topic.input("includeOriginalHeaders"));
            }
        }
    }

    @Test
    void feedbackForwardingIsTurnedOffOnlyAfterBothTopicsAreSet() {
        for (var name : IDENTITIES) {
            var forwarding =
                    stack.ofType("aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes").stream()
                            .filter(f -> name.equals(f.input("emailIdentity")))
                            .findFirst()
                            .orElseThrow();
            assertEquals(false, forwarding.input("emailForwardingEnabled"));
            var topicUrns = stack.ofType("aws:ses/identityNotificationTopic:IdentityNotificationTopic").stream()
                    .filter(t -> name.equals(t.input("identity")))
                    .map(DeclaredResource::urn)
                    .toList();
            assertEquals(2, topicUrns.size());
            assertTrue(forwarding.dependencies().containsAll(topicUrns), name);
        }
    }

    @Test
    void anExistingIdentityIsAdoptedAndNeverDeleted() {
        var adopted = identity("mail.example.org");
        assertEquals("mail.example.org", adopted.importId());
        assertTrue(adopted.retainOnDelete());
        assertNull(adopted.input("dkimSigningAttributes"), "an adopted domain keeps its DKIM setup");
    }

    @Test
    void aCreatedIdentityIsNotImportedAndNewDomainsSignWith2048BitKeys() {
        var created = identity("example.com");
        assertEquals("", created.importId());
        assertFalse(created.retainOnDelete());
        assertEquals("RSA_2048_BIT", created.input("dkimSigningAttributes.nextSigningKeyLength"));
        assertNull(identity("alerts@example.net").input("dkimSigningAttributes"), "an address has no DKIM of its own");
    }

    @Test
    void bouncesAndComplaintsAlsoGoToEventBridgeForPeople() {
        var readable = stack.named(
                "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
                "readable-events-destination");
        assertEquals(NAME, readable.input("configurationSetName"));
        assertEquals(List.of("BOUNCE", "COMPLAINT"), readable.input("eventDestination.matchingEventTypes"));
        assertEquals(
                "arn:aws:events:ap-northeast-1:123456789012:event-bus/default",
                readable.input("eventDestination.eventBridgeDestination.eventBusArn"),
                "SES accepts only the default bus");
    }

    @Test
    void theConfigurationSetSuppressesBouncedAndComplainingAddressesUnlessTurnedOff() {
        assertEquals(
                List.of("BOUNCE", "COMPLAINT"),
                stack.one("aws:sesv2/configurationSet:ConfigurationSet").input("suppressionOptions.suppressedReasons"));
        var off = Stacks.run(Stacks.with(Stacks.typicalConfig(), "suppressBouncesAndComplaints", "false"))
                .orThrow();
        assertNull(off.one("aws:sesv2/configurationSet:ConfigurationSet").input("suppressionOptions"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void customMailFromAndDnsRecordsAreCreatedInTheHostedZoneOfCreatedDomains() {
        var config = Stacks.with(
                Stacks.with(
                        Stacks.with(Stacks.typicalConfig(), "mailFromSubdomain", "bounce"),
                        "route53Zones",
                        "[\"example.com=Z0EXAMPLE\", \"example.org=Z0ORG\"]"),
                "dmarcPolicy",
                "quarantine");
        var stack = Stacks.run(config).orThrow();
        var mailFrom = stack.ofType("aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes");
        assertEquals(1, mailFrom.size(), "only the created domain; the adopted one keeps its MAIL FROM");
        assertEquals("bounce.example.com", mailFrom.get(0).input("mailFromDomain"));
        assertEquals("USE_DEFAULT_VALUE", mailFrom.get(0).input("behaviorOnMxFailure"));

        var records = stack.ofType("aws:route53/record:Record");
        assertEquals(
                6, records.size(), "3 DKIM, MX, SPF, DMARC for example.com; none for the adopted mail.example.org");
        records.forEach(record -> assertEquals("Z0EXAMPLE", record.input("zoneId")));
        var byName = records.stream().collect(java.util.stream.Collectors.toMap(DeclaredResource::name, r -> r));
        assertEquals("MX", byName.get("identity-example-com-dns-mail-from-mx").input("type"));
        assertEquals(
                List.of("10 feedback-smtp.ap-northeast-1.amazonses.com"),
                byName.get("identity-example-com-dns-mail-from-mx").input("records"));
        // Unquoted: the provider quotes TXT values itself, and Route 53 refuses them quoted twice.
        assertEquals(
                List.of("v=spf1 include:amazonses.com ~all"),
                byName.get("identity-example-com-dns-mail-from-spf").input("records"));
        assertEquals(
                "_dmarc.example.com",
                byName.get("identity-example-com-dns-dmarc").input("name"));
        assertEquals(
                List.of("v=DMARC1; p=quarantine"),
                byName.get("identity-example-com-dns-dmarc").input("records"));
        var tokens = (List<String>) identity("example.com").output("dkimSigningAttributes.tokens");
        assertEquals(
                tokens.get(0) + "._domainkey.example.com",
                byName.get("identity-example-com-dns-dkim-1").input("name"));
        assertEquals(
                List.of(tokens.get(0) + ".dkim.amazonses.com"),
                byName.get("identity-example-com-dns-dkim-1").input("records"));

        var exported = (Map<String, List<Map<String, String>>>) stack.exports().get("dnsRecords");
        assertEquals(6, exported.get("example.com").size());
        assertEquals("Z0EXAMPLE", exported.get("example.com").get(0).get("zone"));
        assertEquals(4, exported.get("mail.example.org").size(), "DKIM and DMARC to publish by hand, no MAIL FROM");
        // The output is for people to paste into a zone file or a DNS console: TXT in quotes there.
        assertEquals(
                Map.of(
                        "name",
                        "bounce.example.com",
                        "type",
                        "TXT",
                        "value",
                        "\"v=spf1 include:amazonses.com ~all\"",
                        "zone",
                        "Z0EXAMPLE"),
                exported.get("example.com").get(4));
        assertEquals(
                "\"v=DMARC1; p=quarantine\"",
                exported.get("mail.example.org").get(3).get("value"));
        assertNull(exported.get("mail.example.org").get(0).get("zone"));
    }

    @Test
    void theMostSpecificHostedZoneWins() {
        var zones = Map.of("example.com", "Z1", "mail.example.com", "Z2");
        assertEquals(java.util.Optional.of("Z2"), SesWiring.hostedZoneFor("eu.mail.example.com", zones));
        assertEquals(java.util.Optional.of("Z1"), SesWiring.hostedZoneFor("example.com", zones));
        assertEquals(java.util.Optional.empty(), SesWiring.hostedZoneFor("notexample.com", zones));
    }

    @Test
    @SuppressWarnings("unchecked")
    void domainIdentitiesExportTheirDkimCnames() {
        var records = (Map<String, List<Map<String, String>>>) stack.exports().get("dnsRecords");
        assertEquals(Set.of("example.com", "mail.example.org"), records.keySet());
        var tokens = (List<String>) identity("example.com").output("dkimSigningAttributes.tokens");
        assertEquals(3, tokens.size());
        assertEquals(
                tokens.stream()
                        .map(token -> Map.of(
                                "name", token + "._domainkey.example.com",
                                "type", "CNAME",
                                "value", token + ".dkim.amazonses.com"))
                        .toList(),
                records.get("example.com"));
    }

    @Test
    void identityResourceNamesDoNotDependOnTheirPositionInTheList() {
        var reordered = Stacks.run(Stacks.with(
                        Stacks.typicalConfig(),
                        "identities",
                        "[\"alerts@example.net\", \"example.com\", \"mail.example.org\", \"new.example.com\"]"))
                .orThrow();
        for (var name : IDENTITIES) {
            var urn = identity(name).urn();
            assertTrue(
                    reordered.ofType("aws:sesv2/emailIdentity:EmailIdentity").stream()
                            .anyMatch(r -> r.urn().equals(urn)),
                    name + " keeps its URN, so it is not replaced");
        }
    }

    @Test
    void deliverabilityInsightsTurnOnVdmForTheAccountAndTheConfigurationSetOnlyWhenAsked() {
        assertTrue(
                stack.ofType("aws:sesv2/accountVdmAttributes:AccountVdmAttributes")
                        .isEmpty(),
                "off by default: VDM is billed");
        assertEquals(
                null, stack.one("aws:sesv2/configurationSet:ConfigurationSet").input("vdmOptions"));
        var withVdm = Stacks.run(Stacks.with(Stacks.typicalConfig(), "deliverabilityInsights", "true"))
                .orThrow();
        var account = withVdm.one("aws:sesv2/accountVdmAttributes:AccountVdmAttributes");
        assertEquals("ENABLED", account.input("vdmEnabled"));
        assertEquals(Map.of("engagementMetrics", "ENABLED"), account.input("dashboardAttributes"));
        assertEquals(Map.of("optimizedSharedDelivery", "ENABLED"), account.input("guardianAttributes"));
        var set = withVdm.one("aws:sesv2/configurationSet:ConfigurationSet");
        assertEquals(
                Map.of(
                        "dashboardOptions",
                        Map.of("engagementMetrics", "ENABLED"),
                        "guardianOptions",
                        Map.of("optimizedSharedDelivery", "ENABLED")),
                set.input("vdmOptions"));
        assertTrue(set.dependencies().contains(account.urn()), "the account switch first");
        // The provider's Delete switches VDM off for the whole account and region, for every
        // other stack too: destroy or `deliverabilityInsights: false` must leave it on.
        assertTrue(account.retainOnDelete(), "the account's VDM switch is retained on delete");
        assertFalse(account.protect(), "not protected: destroying this stack must still work");
    }
}
