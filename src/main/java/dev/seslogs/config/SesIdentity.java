package dev.seslogs.config;

import java.util.Locale;

/**
 * A sending identity: a domain or a single e-mail address.
 *
 * @param name     the identity as SES knows it
 * @param existing true when the identity already exists in SES: it is adopted with Pulumi's
 *                 {@code import} option and retained (never deleted) when the stack goes away
 */
public record SesIdentity(String name, Kind kind, boolean existing) {
    public enum Kind {
        DOMAIN,
        EMAIL_ADDRESS
    }

    public boolean isDomain() {
        return kind == Kind.DOMAIN;
    }

    /**
     * The Pulumi resource name suffix for this identity: derived from the identity itself, so
     * adding or removing another identity never renames (and so never replaces) this one.
     */
    public String resourceSuffix() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
