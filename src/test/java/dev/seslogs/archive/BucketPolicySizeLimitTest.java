package dev.seslogs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seslogs.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An archive's bucket policy stays within AWS's size limits at the largest number of
 * member accounts the settings accept, and grow by one account id per member.
 */
class BucketPolicySizeLimitTest {
    /** S3: a bucket policy is at most 20 KB. */
    private static final int S3_BUCKET_POLICY_LIMIT = 20 * 1024;
    /** The longest names the settings allow: a 20-character prefix, the longest region and partition. */
    private static final String BUCKET_ARN = "arn:aws-us-gov:s3:::" + "p".repeat(20) + "-123456789012-ap-southeast-4";

    private static final String KEY_ARN =
            "arn:aws-us-gov:kms:ap-southeast-4:123456789012:key/0b0e1a8c-0000-0000-0000-000000000000";

    static List<String> members(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("%012d", 100_000_000_000L + i))
                .toList();
    }

    private static int bucketPolicyBytes(int members) {
        return LogArchive.bucketPolicy(
                        BUCKET_ARN,
                        "aws-us-gov",
                        members(members),
                        "p".repeat(20) + "-firehose-to-s3-*",
                        Optional.of(KEY_ARN))
                .getBytes(StandardCharsets.UTF_8)
                .length;
    }

    @Test
    void theLargestArchiveFitsS3sAndKmssPolicyLimits() {
        var bucket = bucketPolicyBytes(Settings.MAX_MEMBER_ACCOUNTS);
        assertTrue(
                bucket <= S3_BUCKET_POLICY_LIMIT,
                "bucket policy with " + Settings.MAX_MEMBER_ACCOUNTS + " members: " + bucket + " bytes");
    }

    @Test
    void eachMemberAddsOneAccountIdAndNothingElse() {
        // "123456789012", = 15 characters a member, in one list of each policy.
        assertEquals(15 * 98, bucketPolicyBytes(100) - bucketPolicyBytes(2));
    }
}
