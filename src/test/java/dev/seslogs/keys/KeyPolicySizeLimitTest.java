package dev.seslogs.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An archive's key policy stays within KMS's 32 KB at the largest number of members the settings accept. */
class KeyPolicySizeLimitTest {
    private static final int KMS_KEY_POLICY_LIMIT = 32 * 1024;

    private static int keyPolicyBytes(int members) {
        var accounts = IntStream.range(0, members)
                .mapToObj(i -> String.format("%012d", 100_000_000_000L + i))
                .toList();
        return DataKey.keyPolicy(
                        "aws-us-gov",
                        "123456789012",
                        "ap-southeast-4",
                        List.of("events.amazonaws.com"),
                        "arn:aws-us-gov:s3:::" + "p".repeat(20) + "-123456789012-ap-southeast-4",
                        accounts,
                        "p".repeat(20) + "-firehose-to-s3-*",
                        List.of("arn:aws-us-gov:sns:ap-southeast-4:123456789012:" + "p".repeat(20) + "-alerts"))
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }

    @Test
    void theLargestArchivesKeyPolicyFitsKmsLimit() {
        var bytes = keyPolicyBytes(Settings.MAX_MEMBER_ACCOUNTS);
        assertTrue(
                bytes <= KMS_KEY_POLICY_LIMIT,
                "key policy with " + Settings.MAX_MEMBER_ACCOUNTS + " members: " + bytes + " bytes");
    }

    @Test
    void eachMemberAddsOneAccountIdAndNothingElse() {
        assertEquals(15 * 98, keyPolicyBytes(100) - keyPolicyBytes(2));
    }
}
