package dev.seslogs.stream;

import com.pulumi.core.Output;
import java.util.Optional;

/**
 * Where an event stream delivers: the log bucket (the stack's own, or the central archive's), the
 * region the bucket is in, and the customer managed key it encrypts with, if any. S3 calls KMS
 * from the bucket's region, so a member in another region than its archive needs that region.
 *
 * @param bucketArn       the bucket's ARN as the bucket reports it: the stream takes this one, so
 *                        it is created after the bucket (Firehose checks that the bucket exists)
 * @param policyBucketArn the same ARN, known before the bucket exists (built from its name), for
 *                        the delivery role's policy: a preview can then show and check the document
 */
public record LogDestination(
        Output<String> bucketArn,
        Output<String> policyBucketArn,
        Output<String> region,
        Optional<Output<String>> keyArn) {}
