package io.tagprocessor.tagging;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tag name: trimmed and NFC-normalized, spelled as the producer wrote it ({@code display}),
 * unique by its lower-cased form ({@code normalized}). 1-64 characters of letters, digits, space
 * and {@code -_.:/}.
 */
public record TagName(String display, String normalized) {

    public static final int MAX_LENGTH = Limits.TAG_NAME_CHARS;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N} _.:/-]+");

    public static TagName parse(String raw) {
        if (raw == null) {
            throw invalid("tag name is missing");
        }
        String display = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        int length = display.codePointCount(0, display.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw invalid("tag name must be 1-" + MAX_LENGTH + " characters, was " + length);
        }
        if (!ALLOWED.matcher(display).matches()) {
            throw invalid("tag name may hold only letters, digits, space and -_.:/");
        }
        String normalized = Normalizer.normalize(display.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        if (normalized.codePointCount(0, normalized.length()) > MAX_LENGTH) {
            throw invalid("tag name is longer than " + MAX_LENGTH + " characters once lower-cased");
        }
        return new TagName(display, normalized);
    }

    /**
     * A prefix of normalized names, as a search asks for one: leading space dropped (names are
     * trimmed), NFC and lower-cased like {@link #normalized}, at most {@value #MAX_LENGTH} of the
     * characters a name may hold. Empty (or null) matches every name.
     */
    public static String normalizedPrefix(String raw) {
        if (raw == null) {
            return "";
        }
        String nfc = Normalizer.normalize(raw.stripLeading(), Normalizer.Form.NFC);
        String prefix = Normalizer.normalize(nfc.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        if (prefix.codePointCount(0, prefix.length()) > MAX_LENGTH) {
            throw invalid("a name prefix must be at most " + MAX_LENGTH + " characters");
        }
        if (!prefix.isEmpty() && !ALLOWED.matcher(prefix).matches()) {
            throw invalid("a name prefix may hold only letters, digits, space and -_.:/");
        }
        return prefix;
    }

    /** The Kafka key of this tag's events. */
    public String key() {
        return "tag:" + normalized;
    }

    private static InvalidCommandException invalid(String message) {
        return new InvalidCommandException(RejectionReason.INVALID_TAG_NAME, message);
    }
}
