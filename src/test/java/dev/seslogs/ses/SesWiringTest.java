package dev.seslogs.ses;

import dev.seslogs.Json;
import dev.seslogs.Stacks;
import dev.seslogs.simulation.DeclaredResource;
import dev.seslogs.simulation.StackSimulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SesWiringTest {
    private static final String NAME = "ses-logs-123456789012-ap-northeast-1";
    private static final String TOPIC_ARN = "arn:aws:sns:ap-northeast-1:123456789012:ses-logs-feedback";
    private static final String STREAM_ARN = "arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/" + NAME;
    private static final String CONFIGURATION_SET_ARN = "arn:aws:ses:ap-northeast-1:123456789012:configuration-set/" + NAME;
    private static final List<String> IDENTITIES = List.of("example.com", "mail.example.org", "alerts@example.net");
    private static StackSimulation.Result stack;

    @BeforeAll
    static void deploy() {
        stack = Stacks.typical();
    }

    private static DeclaredResource identity(String name) {
        return stack.ofType("aws:sesv2/emailIdentity:EmailIdentity").stream()
                .filter(r -> name.equals(r.input("emailIdentity"))).findFirst()
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
        var destination = stack.one("aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination");
        assertEquals(NAME, destination.input("configurationSetName"));
        assertEquals(true, destination.input("eventDestination.enabled"));
        assertEquals(Set.of("SEND", "DELIVERY", "REJECT", "BOUNCE", "COMPLAINT", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"),
                Set.copyOf((List<?>) destination.input("eventDestination.matchingEventTypes")));
        assertEquals(STREAM_ARN, destination.input("eventDestination.kinesisFirehoseDestination.deliveryStreamArn"));
        assertEquals("arn:aws:iam::123456789012:role/ses-logs-ses-to-firehose-ap-northeast-1",
                destination.input("eventDestination.kinesisFirehoseDestination.iamRoleArn"));
        assertTrue(destination.dependencies().contains(stack.named("aws:iam/rolePolicy:RolePolicy", "ses-to-firehose-policy").urn()),
                "SES tests the role when the destination is created");
    }

    @Test
    void openAndClickAreAddedWhenTrackingIsOn() {
        var tracked = Stacks.run(Stacks.with(Stacks.typicalConfig(), "trackOpensAndClicks", "true")).orThrow();
        var types = (List<?>) tracked.one("aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination")
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
        assertEquals("123456789012", trust.at("/Condition/StringEquals/aws:SourceAccount").asText());
        assertEquals(CONFIGURATION_SET_ARN, trust.at("/Condition/StringEquals/aws:SourceArn").asText());
    }

    @Test
    void publishingRoleMayOnlyPutRecordsOnThisStream() {
        var document = stack.named("aws:iam/rolePolicy:RolePolicy", "ses-to-firehose-policy").input("policy");
        var statements = Json.parse(document).get("Statement");
        assertEquals(1, statements.size(), "no logs:PutLogEvents: SES never writes logs");
        var put = Json.statement(document, "PutSesEventsOnTheStream");
        assertEquals(List.of("firehose:PutRecord", "firehose:PutRecordBatch"), Json.strings(put.get("Action")));
        assertEquals(List.of(STREAM_ARN), Json.strings(put.get("Resource")));
    }

    @Test
    void everyIdentityUsesTheConfigurationSetByDefault() {
        assertEquals(IDENTITIES.size(), stack.ofType("aws:sesv2/emailIdentity:EmailIdentity").size());
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
                        .findFirst().orElseThrow(() -> new AssertionError(name + " has no " + type + " topic"));
                assertEquals(TOPIC_ARN, topic.input("topicArn"));
                assertEquals(true, topic.input("includeOriginalHeaders"));
            }
        }
    }

    @Test
    void feedbackForwardingIsTurnedOffOnlyAfterBothTopicsAreSet() {
        for (var name : IDENTITIES) {
            var forwarding = stack.ofType("aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes").stream()
                    .filter(f -> name.equals(f.input("emailIdentity"))).findFirst().orElseThrow();
            assertEquals(false, forwarding.input("emailForwardingEnabled"));
            var topicUrns = stack.ofType("aws:ses/identityNotificationTopic:IdentityNotificationTopic").stream()
                    .filter(t -> name.equals(t.input("identity"))).map(DeclaredResource::urn).toList();
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
    @SuppressWarnings("unchecked")
    void domainIdentitiesExportTheirDkimCnames() {
        var records = (Map<String, List<Map<String, String>>>) stack.exports().get("dkimRecords");
        assertEquals(Set.of("example.com", "mail.example.org"), records.keySet());
        var tokens = (List<String>) identity("example.com").output("dkimSigningAttributes.tokens");
        assertEquals(3, tokens.size());
        assertEquals(tokens.stream().map(token -> Map.of(
                "name", token + "._domainkey.example.com",
                "type", "CNAME",
                "value", token + ".dkim.amazonses.com")).toList(), records.get("example.com"));
    }

    @Test
    void identityResourceNamesDoNotDependOnTheirPositionInTheList() {
        var reordered = Stacks.run(Stacks.with(Stacks.typicalConfig(), "identities",
                "[\"alerts@example.net\", \"example.com\", \"mail.example.org\", \"new.example.com\"]")).orThrow();
        for (var name : IDENTITIES) {
            var urn = identity(name).urn();
            assertTrue(reordered.ofType("aws:sesv2/emailIdentity:EmailIdentity").stream().anyMatch(r -> r.urn().equals(urn)),
                    name + " keeps its URN, so it is not replaced");
        }
    }
}
