package dev.seslogs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static Settings load(Map<String, String> config) {
        var withRegion = new java.util.HashMap<>(config);
        withRegion.putIfAbsent("ses-logs:region", "eu-west-1");
        return Settings.load(StackConfig.of(withRegion), "ses-logs");
    }

    private static String problemWith(String key, String value) {
        var error = assertThrows(SettingsError.class, () -> load(Map.of("ses-logs:" + key, value)));
        assertEquals(1, error.problems().size(), error.getMessage());
        return error.problems().get(0);
    }

    @Test
    void defaultsAreTheArticles() {
        var settings = load(Map.of());
        assertEquals("ses-logs", settings.namePrefix());
        assertEquals(400, settings.retentionDays());
        assertEquals(400, settings.logGroupRetentionDays());
        assertEquals(Map.of("Cost", "SES"), settings.tags());
        assertEquals(List.of(), settings.identities());
        assertFalse(settings.trackOpensAndClicks());
        assertEquals(1024, settings.queryScanLimitMb());
        assertEquals(30, settings.queryResultRetentionDays());
    }

    @ParameterizedTest(name = "retention {0} days -> log group {1} days")
    @CsvSource({"35,60", "60,60", "61,90", "365,365", "366,400", "400,400", "401,545", "540,545"})
    void logGroupRetentionIsTheNearestValueCloudWatchAcceptsThatIsNotShorter(int retentionDays, int expected) {
        assertEquals(
                expected,
                load(Map.of("ses-logs:retentionDays", String.valueOf(retentionDays)))
                        .logGroupRetentionDays());
    }

    @Test
    void identitiesAreTypedAndAdoptedOnesMarked() {
        var settings = load(Map.of(
                "ses-logs:identities", "[\"Example.COM\", \"Alerts@Example.net\"]",
                "ses-logs:existingIdentities", "[\"example.com\"]"));
        assertEquals(
                List.of(
                        new SesIdentity("example.com", SesIdentity.Kind.DOMAIN, true),
                        new SesIdentity("Alerts@Example.net", SesIdentity.Kind.EMAIL_ADDRESS, false)),
                settings.identities());
    }

    @Test
    void openAndClickEventsArePublishedOnlyWhenTracked() {
        assertEquals(8, load(Map.of()).publishedEventTypes().size());
        assertEquals(
                10,
                load(Map.of("ses-logs:trackOpensAndClicks", "true"))
                        .publishedEventTypes()
                        .size());
    }

    @Test
    void retentionOutsideTheArticlesRangeIsRejected() {
        assertEquals(
                "ses-logs:retentionDays is 34; allowed: a whole number of days from 35 to 540",
                problemWith("retentionDays", "34"));
        assertEquals(
                "ses-logs:retentionDays is 541; allowed: a whole number of days from 35 to 540",
                problemWith("retentionDays", "541"));
    }

    @Test
    void retentionThatIsNotAWholeNumberIsRejected() {
        assertEquals(
                "ses-logs:retentionDays is \"forever\"; allowed: a whole number of days from 35 to 540",
                problemWith("retentionDays", "forever"));
        assertEquals(
                "ses-logs:retentionDays is \"40.5\"; allowed: a whole number of days from 35 to 540",
                problemWith("retentionDays", "40.5"));
    }

    @Test
    void costTagMustBeAnAwsTagValueOfAtMostThirtyCharacters() {
        var allowed = "allowed: 1..30 characters of letters, digits, spaces and _ . : / = + - @";
        assertEquals("ses-logs:costTag is \"\"; " + allowed, problemWith("costTag", ""));
        assertEquals(
                "ses-logs:costTag is \"" + "x".repeat(31) + "\"; " + allowed, problemWith("costTag", "x".repeat(31)));
        assertEquals("ses-logs:costTag is \"SES#1\"; " + allowed, problemWith("costTag", "SES#1"));
        assertEquals(
                "x".repeat(30), load(Map.of("ses-logs:costTag", "x".repeat(30))).costTag());
    }

    @Test
    void malformedIdentitiesAreRejectedNamingTheBadOne() {
        assertEquals(
                "ses-logs:identities is [\"exa mple.com\"]; allowed: a list of domains (example.com) or e-mail addresses (noreply@example.com) (\"exa mple.com\" is not one)",
                problemWith("identities", "[\"exa mple.com\"]"));
        assertTrue(problemWith("identities", "[\"a@@example.com\"]").contains("(\"a@@example.com\" is not one)"));
        assertTrue(problemWith("identities", "[\"localhost\"]").contains("(\"localhost\" is not one)"));
        assertTrue(problemWith("identities", "[\"-bad-.example.com\"]").contains("is not one"));
    }

    @Test
    void identitiesThatAreNotAListAreRejected() {
        assertEquals(
                "ses-logs:identities is \"example.com\"; allowed: a list of domains (example.com) or e-mail addresses (noreply@example.com)",
                problemWith("identities", "example.com"));
        assertTrue(problemWith("identities", "[42]").contains("(42 is a number: put it in quotes)"));
        assertTrue(problemWith("identities", "[true]").contains("(true is not a string)"));
    }

    @Test
    void anIdentityListedTwiceIsRejectedIgnoringCase() {
        assertTrue(problemWith("identities", "[\"example.com\", \"EXAMPLE.com\"]")
                .endsWith("each listed once (\"EXAMPLE.com\" is listed twice)"));
    }

    @Test
    void anExistingIdentityMustAlsoBeListedAsIdentity() {
        var error = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:identities", "[\"example.com\"]",
                        "ses-logs:existingIdentities", "[\"example.org\"]")));
        assertEquals(
                List.of(
                        "ses-logs:existingIdentities is [\"example.org\"]; allowed: identities that are also listed in ses-logs:identities (not listed there: example.org)"),
                error.problems());
    }

    @Test
    void notificationEmailsMustBeAddresses() {
        assertEquals(
                "ses-logs:notificationEmails is [\"ops\"]; allowed: a list of e-mail addresses (\"ops\" is not one)",
                problemWith("notificationEmails", "[\"ops\"]"));
    }

    @Test
    void switchesAcceptOnlyTrueOrFalse() {
        assertEquals(
                "ses-logs:trackOpensAndClicks is \"yes\"; allowed: true or false",
                problemWith("trackOpensAndClicks", "yes"));
    }

    @Test
    void queryScanLimitMustBeWithinWhatAthenaAndTheSdkAccept() {
        assertEquals(
                "ses-logs:queryScanLimitMb is 9; allowed: a whole number of MiB from 10 to 2047",
                problemWith("queryScanLimitMb", "9"));
        assertEquals(
                "ses-logs:queryScanLimitMb is 4096; allowed: a whole number of MiB from 10 to 2047",
                problemWith("queryScanLimitMb", "4096"));
    }

    @Test
    void namePrefixMustFitEveryAwsName() {
        var allowed =
                "allowed: 1..20 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen";
        assertEquals("ses-logs:namePrefix is \"Ses_Logs\"; " + allowed, problemWith("namePrefix", "Ses_Logs"));
        assertEquals(
                "ses-logs:namePrefix is \"" + "a".repeat(21) + "\"; " + allowed,
                problemWith("namePrefix", "a".repeat(21)));
        assertEquals("ses-logs:namePrefix is \"logs-\"; " + allowed, problemWith("namePrefix", "logs-"));
    }

    @Test
    void aMisspeltKeyIsRejectedListingTheAllowedOnes() {
        var problem = problemWith("retentionDay", "400");
        assertTrue(
                problem.startsWith("ses-logs:retentionDay is set, but ses-logs has no such setting; allowed keys: "),
                problem);
        assertTrue(problem.contains("retentionDays"), problem);
    }

    @Test
    void theRegionIsRequiredAndMustLookLikeOne() {
        var missing = assertThrows(SettingsError.class, () -> Settings.load(StackConfig.of(Map.of()), "ses-logs"));
        assertEquals(
                List.of("ses-logs:region is not set; allowed: an AWS region such as eu-west-1"), missing.problems());
        assertEquals(
                "ses-logs:region is \"Tokyo\"; allowed: an AWS region such as eu-west-1",
                problemWith("region", "Tokyo"));
        assertEquals(
                "us-gov-west-1",
                load(Map.of("ses-logs:region", "us-gov-west-1")).region());
    }

    @Test
    void allowedAccountsAreTwelveDigitIdsListedOnce() {
        assertTrue(problemWith("allowedAccountIds", "[\"12345\"]").contains("(\"12345\" is not one)"));
        assertTrue(problemWith("allowedAccountIds", "[\"111111111111\", \"111111111111\"]")
                .contains("listed twice"));
        assertTrue(problemWith("allowedAccountIds", "[12345678901]")
                .endsWith("(12345678901 is a number: put it in quotes)"));
    }

    @Test
    void theAssumedRoleMustBeARoleInAnAllowedAccount() {
        assertEquals(
                "ses-logs:assumeRoleArn is \"deployer\"; allowed: an IAM role ARN such as arn:aws:iam::111122223333:role/deployer",
                problemWith("assumeRoleArn", "deployer"));
        var error = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:allowedAccountIds", "[\"111111111111\"]",
                        "ses-logs:assumeRoleArn", "arn:aws:iam::222222222222:role/deployer")));
        assertEquals(
                List.of(
                        "ses-logs:assumeRoleArn is \"arn:aws:iam::222222222222:role/deployer\"; allowed: a role in one of "
                                + "ses-logs:allowedAccountIds [111111111111] (it is in 222222222222)"),
                error.problems());
    }

    @Test
    void aMemberNeedsItsArchiveStack() {
        assertEquals(
                "ses-logs:archiveStack is not set; allowed: the archive stack's full name, <organization>/<project>/<stack>, required when ses-logs:topology is member",
                problemWith("topology", "member"));
        var malformed = assertThrows(
                SettingsError.class,
                () -> load(Map.of("ses-logs:topology", "member", "ses-logs:archiveStack", "logarchive")));
        assertEquals(
                List.of(
                        "ses-logs:archiveStack is \"logarchive\"; allowed: the archive stack's full name, <organization>/<project>/<stack>"),
                malformed.problems());
    }

    @Test
    void anArchiveNeedsMemberAccountsAndSendsNoMail() {
        assertEquals(
                "ses-logs:memberAccounts is not set; allowed: the sending accounts that write into the archive, at least one, when ses-logs:topology is archive",
                problemWith("topology", "archive"));
        var error = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:topology", "archive",
                        "ses-logs:memberAccounts", "[\"222222222222\"]",
                        "ses-logs:identities", "[\"example.com\"]")));
        assertEquals(
                List.of("ses-logs:identities is [\"example.com\"]; allowed: no value when ses-logs:topology is archive "
                        + "(an archive stack sends no mail; set it on the member stacks)"),
                error.problems());
    }

    @Test
    void aMemberAccountListedTwiceIsRejected() {
        var error = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:topology", "archive",
                        "ses-logs:memberAccounts", "[\"222222222222\", \"333333333333\", \"222222222222\"]")));
        assertEquals(1, error.problems().size());
        assertTrue(
                error.problems().get(0).endsWith("each listed once (\"222222222222\" is listed twice)"),
                error.getMessage());
    }

    @Test
    void topologySettingsOutsideTheirTopologyAreRejected() {
        assertEquals(
                "ses-logs:memberAccounts is [\"222222222222\"]; allowed: a value only when ses-logs:topology is archive",
                problemWith("memberAccounts", "[\"222222222222\"]"));
        assertEquals(
                "ses-logs:archiveStack is \"acme/ses-logs/logarchive\"; allowed: a value only when ses-logs:topology is member",
                problemWith("archiveStack", "acme/ses-logs/logarchive"));
        var error = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:topology",
                        "member",
                        "ses-logs:archiveStack",
                        "acme/ses-logs/logarchive",
                        "ses-logs:queryScanLimitMb",
                        "100")));
        assertEquals(
                List.of("ses-logs:queryScanLimitMb is 100; allowed: its default when ses-logs:topology is member "
                        + "(the archive stack owns the bucket and the catalog)"),
                error.problems());
        assertEquals(
                "ses-logs:topology is \"central\"; allowed: standalone, archive or member",
                problemWith("topology", "central"));
    }

    @Test
    void declaredDefaultsPassedByTheCliCountAsUnset() {
        var settings = load(Map.of(
                "ses-logs:topology",
                "standalone",
                "ses-logs:memberAccounts",
                "[]",
                "ses-logs:archiveStack",
                "",
                "ses-logs:assumeRoleArn",
                ""));
        assertEquals(Settings.Topology.STANDALONE, settings.topology());
        assertTrue(settings.assumeRoleArn().isEmpty());
    }

    @Test
    void alarmThresholdsArePercentagesBelowWhereAwsReviews() {
        var settings = load(Map.of());
        assertEquals(new java.math.BigDecimal("0.02"), settings.bounceRateWarning());
        assertEquals(new java.math.BigDecimal("0.0005"), settings.complaintRateWarning());
        var bounceAllowed =
                "allowed: a percentage above 0% and below 5% (where AWS starts reviewing the account), such as 2%";
        assertEquals("ses-logs:bounceRateWarning is \"5%\"; " + bounceAllowed, problemWith("bounceRateWarning", "5%"));
        assertEquals("ses-logs:bounceRateWarning is \"0%\"; " + bounceAllowed, problemWith("bounceRateWarning", "0%"));
        assertEquals(
                "ses-logs:bounceRateWarning is \"0.02\"; " + bounceAllowed, problemWith("bounceRateWarning", "0.02"));
        assertEquals(
                "ses-logs:complaintRateWarning is \"0.1%\"; allowed: a percentage above 0% and below 0.1% (where AWS starts reviewing the account), such as 0.05%",
                problemWith("complaintRateWarning", "0.1%"));
        assertEquals(
                new java.math.BigDecimal("0.0499"),
                load(Map.of("ses-logs:bounceRateWarning", "4.99%")).bounceRateWarning());
    }

    @Test
    void mailDomainSettingsAreChecked() {
        assertEquals(
                "ses-logs:mailFromSubdomain is \"mail.out\"; allowed: one DNS label (lower-case letters, digits, hyphens) such as mail",
                problemWith("mailFromSubdomain", "mail.out"));
        assertTrue(problemWith("route53Zones", "[\"example.com\"]").contains("(\"example.com\" is not one)"));
        assertTrue(problemWith("route53Zones", "[\"example.com=zone1\"]").contains("is not one"));
        assertEquals(
                Map.of("example.com", "Z0123ABC"),
                load(Map.of("ses-logs:route53Zones", "[\"Example.com=Z0123ABC\"]"))
                        .hostedZones());
        assertEquals(
                "ses-logs:dmarcPolicy is \"strict\"; allowed: none, quarantine or reject (or empty for no DMARC record)",
                problemWith("dmarcPolicy", "strict"));
    }

    @Test
    void keysOfOtherNamespacesAreNotOurs() {
        assertEquals(
                400,
                load(Map.of("aws:region", "eu-west-1", "other:retentionDay", "1"))
                        .retentionDays());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var error = assertThrows(
                SettingsError.class,
                () -> load(Map.of("ses-logs:retentionDays", "10", "ses-logs:costTag", "", "ses-logs:colour", "blue")));
        assertEquals(3, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().startsWith("invalid stack configuration (3 problems):"));
    }

    @Test
    void logsStayInStandardUnlessAClassAthenaReadsIsChosen() {
        var settings = load(Map.of());
        assertEquals(LogStorageClass.STANDARD, settings.logStorageClass());
        var ia = load(Map.of("ses-logs:logStorageClass", "standard_ia", "ses-logs:logStorageClassAfterDays", "60"));
        assertEquals(LogStorageClass.STANDARD_IA, ia.logStorageClass());
        assertEquals(60, ia.logStorageClassAfterDays());
        assertEquals(
                "ses-logs:logStorageClass is \"GLACIER\"; allowed: STANDARD, STANDARD_IA or GLACIER_IR (classes Athena reads "
                        + "without a restore; GLACIER and DEEP_ARCHIVE need one before every query)",
                problemWith("logStorageClass", "GLACIER"));
    }

    @Test
    void theTransitionMustBeOneS3AcceptsAndPayForItself() {
        var tooYoung = assertThrows(
                SettingsError.class,
                () -> load(
                        Map.of("ses-logs:logStorageClass", "STANDARD_IA", "ses-logs:logStorageClassAfterDays", "20")));
        assertEquals(
                List.of("ses-logs:logStorageClassAfterDays is 20; allowed: at least 30 days for STANDARD_IA "
                        + "(S3 lifecycle moves objects there only from that age)"),
                tooYoung.problems());
        var tooLate = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:logStorageClass",
                        "GLACIER_IR",
                        "ses-logs:logStorageClassAfterDays",
                        "330",
                        "ses-logs:retentionDays",
                        "400")));
        assertEquals(
                List.of(
                        "ses-logs:logStorageClassAfterDays is 330; allowed: at most 310 days with ses-logs:retentionDays 400: objects "
                                + "expire then, and GLACIER_IR bills at least 90 days of storage (move earlier, keep longer, or stay in STANDARD)"),
                tooLate.problems());
        assertEquals(
                310,
                load(Map.of("ses-logs:logStorageClass", "GLACIER_IR", "ses-logs:logStorageClassAfterDays", "310"))
                        .logStorageClassAfterDays());
        var withoutClass =
                assertThrows(SettingsError.class, () -> load(Map.of("ses-logs:logStorageClassAfterDays", "90")));
        assertEquals(
                List.of(
                        "ses-logs:logStorageClassAfterDays is 90; allowed: its default (30) unless ses-logs:logStorageClass names a class to move to"),
                withoutClass.problems());
        var member = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:topology",
                        "member",
                        "ses-logs:archiveStack",
                        "acme/ses-logs/logarchive",
                        "ses-logs:logStorageClass",
                        "GLACIER_IR")));
        assertEquals(
                List.of(
                        "ses-logs:logStorageClass is \"GLACIER_IR\"; allowed: STANDARD when ses-logs:topology is member "
                                + "(the archive stack owns the bucket; set it there)"),
                member.problems());
    }

    @Test
    void messageTagsAreOptionalAndCannotTakeTheNamesTheTableUses() {
        assertEquals(List.of(), load(Map.of()).messageTags());
        assertEquals(
                List.of("campaign"),
                load(Map.of("ses-logs:messageTags", "[\"campaign\"]")).messageTags());
        assertEquals(
                "ses-logs:messageTags is [\"All_Tags\"]; allowed: a list of custom message tag names of letters, digits and underscores"
                        + " (1-64), none starting with ses_ or named all_tags (every tag is in mail.all_tags without being listed)"
                        + " (\"All_Tags\" is not one)",
                problemWith("messageTags", "[\"All_Tags\"]"));
        assertTrue(problemWith("messageTags", "[\"ses_mine\"]").endsWith("(\"ses_mine\" is not one)"));
    }

    @Test
    void logFormatIsJsonByDefaultAndParquetOnlyForAStandaloneStack() {
        assertEquals(LogFormat.JSON, load(Map.of()).logFormat());
        assertEquals(
                LogFormat.PARQUET, load(Map.of("ses-logs:logFormat", "parquet")).logFormat());
        assertEquals(
                "ses-logs:logFormat is \"orc\"; allowed: json (GZIP JSON, the default) or parquet (Firehose converts every record "
                        + "to Parquet with the table's schema)",
                problemWith("logFormat", "orc"));
        var member = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:topology",
                        "member",
                        "ses-logs:archiveStack",
                        "acme/ses-logs/logarchive",
                        "ses-logs:logFormat",
                        "parquet")));
        assertEquals(
                List.of(
                        "ses-logs:logFormat is \"parquet\"; allowed: json when ses-logs:topology is member (parquet is for "
                                + "standalone stacks: Firehose converts with the Glue table of its own account)"),
                member.problems());
        var archive = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:topology",
                        "archive",
                        "ses-logs:memberAccounts",
                        "[\"222222222222\"]",
                        "ses-logs:logFormat",
                        "parquet")));
        assertEquals(1, archive.problems().size(), archive.getMessage());
        assertTrue(archive.problems()
                .get(0)
                .startsWith("ses-logs:logFormat is \"parquet\"; allowed: json when ses-logs:topology is archive"));
    }

    @Test
    void deliverabilityInsightsAreOffByDefaultAndMeanNothingOnAnArchive() {
        assertFalse(load(Map.of()).deliverabilityInsights());
        assertTrue(load(Map.of("ses-logs:deliverabilityInsights", "true")).deliverabilityInsights());
        var archive = assertThrows(
                SettingsError.class,
                () -> load(Map.of(
                        "ses-logs:topology",
                        "archive",
                        "ses-logs:memberAccounts",
                        "[\"222222222222\"]",
                        "ses-logs:deliverabilityInsights",
                        "true")));
        assertEquals(
                List.of("ses-logs:deliverabilityInsights is true; allowed: false when ses-logs:topology is archive "
                        + "(an archive stack sends no mail; set it on the member stacks)"),
                archive.problems());
        assertEquals(
                "ses-logs:deliverabilityInsights is \"yes\"; allowed: true or false",
                problemWith("deliverabilityInsights", "yes"));
    }

    @Test
    void anArchiveAdmitsAtMostTheMembersItsBucketPolicyCanList() {
        var accounts = java.util.stream.IntStream.range(0, Settings.MAX_MEMBER_ACCOUNTS + 1)
                .mapToObj(i -> "\"" + String.format("%012d", 100_000_000_000L + i) + "\"")
                .toList();
        var tooMany = "[" + String.join(", ", accounts) + "]";
        var error = assertThrows(
                SettingsError.class,
                () -> load(Map.of("ses-logs:topology", "archive", "ses-logs:memberAccounts", tooMany)));
        assertEquals(
                List.of(
                        "ses-logs:memberAccounts is 1001 accounts; allowed: at most 1000 (the archive's bucket policy lists them once, "
                                + "and S3 keeps bucket policies under 20 KB; for more, split the members over two archives)"),
                error.problems());
        var most = "[" + String.join(", ", accounts.subList(0, Settings.MAX_MEMBER_ACCOUNTS)) + "]";
        assertEquals(
                Settings.MAX_MEMBER_ACCOUNTS,
                load(Map.of("ses-logs:topology", "archive", "ses-logs:memberAccounts", most))
                        .memberAccounts()
                        .size());
    }
}
