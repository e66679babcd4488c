package dev.seslogs.aws;

import static dev.seslogs.ComponentTests.input;
import static dev.seslogs.ComponentTests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pulumi.aws.Provider;
import dev.seslogs.ComponentTests;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A provider's nested inputs reach the engine as JSON text, which is how they are read here. */
class AwsProviderUnitTest {
    private static final String PROVIDER = "pulumi:providers:aws";
    private static final String ROLE = "arn:aws:iam::111122223333:role/deployer";

    private static ComponentTests.Built<Provider> provider(List<String> allowedAccountIds, Optional<String> role) {
        return ComponentTests.build(f -> AwsProvider.create(
                new AwsProvider.Args("eu-central-1", allowedAccountIds, role, Map.of("Cost", "SES"))));
    }

    @Test
    void theProviderDeploysIntoTheRegionWithTheDefaultTags() {
        var provider = provider(List.of(), Optional.empty()).one(PROVIDER);
        assertEquals("aws", provider.name);
        assertEquals("eu-central-1", input(provider, "region"));
        assertEquals("SES", json(provider, "defaultTags").at("/tags/Cost").asText());
    }

    @Test
    void allowedAccountsAreSetOnlyWhenThereAreSome() {
        var allowed = json(
                provider(List.of("111122223333", "444455556666"), Optional.empty())
                        .one(PROVIDER),
                "allowedAccountIds");
        assertEquals(List.of("111122223333", "444455556666"), ComponentTests.texts(allowed));
        assertNull(
                input(provider(List.of(), Optional.empty()).one(PROVIDER), "allowedAccountIds"),
                "empty: any account, not none");
    }

    @Test
    void theRoleIsAssumedUnderTheStacksSessionName() {
        var assumeRole = json(provider(List.of(), Optional.of(ROLE)).one(PROVIDER), "assumeRole");
        assertEquals(ROLE, assumeRole.get("roleArn").asText());
        assertEquals("ses-logs-pulumi", assumeRole.get("sessionName").asText());
        assertNull(
                input(provider(List.of(), Optional.empty()).one(PROVIDER), "assumeRole"),
                "no role: the caller's own credentials");
    }
}
