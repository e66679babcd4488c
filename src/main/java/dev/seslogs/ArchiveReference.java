package dev.seslogs;

import com.pulumi.exceptions.RunException;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import com.pulumi.resources.StackReferenceOutputDetails;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * A member's archive stack, read through a StackReference before the member registers anything
 * else. Its outputs are known only at run time; a member whose archive does not exist, or is not a
 * deployed archive (no {@code logBucketArn}), stops here with one error that says what to do,
 * instead of failing later with resources half registered.
 */
final class ArchiveReference {
    /** The outputs a member needs from its archive. */
    static final List<String> REQUIRED_OUTPUTS =
            List.of(App.ARCHIVE_BUCKET_ARN_OUTPUT, App.ARCHIVE_BUCKET_NAME_OUTPUT, App.REGION_OUTPUT);

    private ArchiveReference() {}

    static StackReference read(String archiveStack) {
        var reference = new StackReference(
                "archive", StackReferenceArgs.builder().name(archiveStack).build());
        var missing = new java.util.ArrayList<String>();
        for (var name : REQUIRED_OUTPUTS) {
            StackReferenceOutputDetails details;
            try {
                // Waits for the reference's read: the outputs are known only once the engine has read the stack.
                details = reference.outputDetailsAsync(name).join();
            } catch (CompletionException e) {
                var cause = e.getCause() == null ? e : e.getCause();
                throw new RunException(cannotRead(archiveStack, cause.getMessage()));
            }
            var value = details.getValue().or(details::getSecretValue);
            if (!(value.orElse(null) instanceof String text) || text.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new RunException(notAnArchive(archiveStack, missing));
        }
        return reference;
    }

    static String cannotRead(String archiveStack, String reason) {
        return "ses-logs:archiveStack is " + archiveStack + ", but that stack cannot be read (" + reason
                + "). Deploy the archive first " + "(pulumi up -s " + archiveStack
                + "), or correct archiveStack; nothing of this member stack was changed.";
    }

    static String notAnArchive(String archiveStack, List<String> missing) {
        return "ses-logs:archiveStack is " + archiveStack + ", but that stack has no " + String.join(", ", missing)
                + " output: it is not a deployed archive stack (topology: archive). Deploy it first (pulumi up -s "
                + archiveStack
                + "), or correct archiveStack; nothing of this member stack was changed.";
    }
}
