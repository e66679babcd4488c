package dev.seslogs.simulation;

import java.util.Optional;

/**
 * What Route 53 accepts as the value of a TXT record as it arrives in ChangeResourceRecordSets:
 * one or more character strings, each in double quotes, at most 255 characters, a quote or
 * backslash inside escaped with a backslash (RFC 1035 section 5.1, Route 53 Developer Guide,
 * "Supported DNS record types", TXT). Anything outside quotes other than the separating space is
 * refused with InvalidCharacterString, which is what a value the provider quoted a second time
 * ({@code ""v=spf1 ...""}) runs into.
 */
final class Route53Txt {
    static final int MAX_STRING_LENGTH = 255;

    private Route53Txt() {}

    /** Route 53's refusal of this record value, or empty when it accepts it. */
    static Optional<String> refusal(String value) {
        var i = 0;
        var strings = 0;
        while (i < value.length()) {
            var c = value.charAt(i);
            if (c == ' ' && strings > 0) {
                i++;
                continue;
            }
            if (c != '"') {
                return Optional.of(invalid(value, "unquoted character '" + c + "' at " + i));
            }
            var length = 0;
            i++;
            while (i < value.length() && value.charAt(i) != '"') {
                i += value.charAt(i) == '\\' ? 2 : 1;
                length++;
            }
            if (i >= value.length()) {
                return Optional.of(invalid(value, "unterminated quoted string"));
            }
            if (length > MAX_STRING_LENGTH) {
                return Optional.of("InvalidChangeBatch: CharacterStringTooLong (Value is too long) encountered with '"
                        + value + "'");
            }
            i++;
            strings++;
        }
        return strings == 0 ? Optional.of(invalid(value, "no character string")) : Optional.empty();
    }

    private static String invalid(String value, String why) {
        return "InvalidChangeBatch: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '"
                + value + "' (" + why + ")";
    }
}
