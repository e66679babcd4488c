package dev.seslogs.stream;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * Where an event stream delivers: the log bucket (the stack's own, or the central archive's), the
 * region the bucket is in, and the customer managed key it encrypts with, if any. S3 calls KMS
 * from the bucket's region, so a member in another region than its archive needs that region.
 */
public record LogDestination(Output<String> bucketArn, Output<String> region, Optional<Output<String>> keyArn) {
}
