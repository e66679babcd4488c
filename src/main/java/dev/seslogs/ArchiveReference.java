package dev.seslogs;

import com.pulumi.core.internal.Internal;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * A member's archive stack, read through a StackReference before the member registers anything
 * else. Its outputs are known only at run time; a member whose archive does not exist, or is not a
 * deployed archive (no {@code logBucketArn}), stops here with one error that says what to do,
 * instead of failing later with resources half registered.
 */
final class ArchiveReference {
    /** The outputs a member needs from its archive. */
    static final List<String> REQUIRED_OUTPUTS = List.of(App.ARCHIVE_BUCKET_ARN_OUTPUT, App.ARCHIVE_BUCKET_NAME_OUTPUT, App.REGION_OUTPUT);

    private ArchiveReference() {
    }

    static StackReference read(String archiveStack) {
        var reference = new StackReference("archive", StackReferenceArgs.builder().name(archiveStack).build());
        Map<String, Object> outputs;
        try {
            outputs = Internal.of(reference.outputs()).getValueNullable().join();
        } catch (CompletionException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            throw new RunException(cannotRead(archiveStack, cause.getMessage()));
        }
        var missing = REQUIRED_OUTPUTS.stream()
                .filter(name -> outputs == null || !(outputs.get(name) instanceof String value) || value.isBlank())
                .toList();
        if (!missing.isEmpty()) {
            throw new RunException(notAnArchive(archiveStack, missing));
        }
        return reference;
    }

    static String cannotRead(String archiveStack, String reason) {
        return "ses-logs:archiveStack is " + archiveStack + ", but that stack cannot be read (" + reason + "). Deploy the archive first "
                + "(pulumi up -s " + archiveStack + "), or correct archiveStack; nothing of this member stack was changed.";
    }

    static String notAnArchive(String archiveStack, List<String> missing) {
        return "ses-logs:archiveStack is " + archiveStack + ", but that stack has no " + String.join(", ", missing)
                + " output: it is not a deployed archive stack (topology: archive). Deploy it first (pulumi up -s " + archiveStack
                + "), or correct archiveStack; nothing of this member stack was changed.";
    }
}
