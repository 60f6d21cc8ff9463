package io.tagprocessor.tagging;

import java.util.regex.Pattern;

/**
 * An entity owned by another service: {@code entityType} is 1-64 chars of {@code [a-z0-9_.-]},
 * {@code entityId} 1-128 printable characters (no control characters).
 */
public record EntityKey(String type, String id) {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9_.-]{1," + Limits.ENTITY_TYPE_CHARS + "}");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cn}\\p{Cs}\\p{Co}\\x{2028}\\x{2029}]+");
    public static final int MAX_ID_LENGTH = Limits.ENTITY_ID_CHARS;

    public static EntityKey of(String type, String id) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new InvalidCommandException(
                    RejectionReason.INVALID_ENTITY_TYPE,
                    "entityType must be 1-" + Limits.ENTITY_TYPE_CHARS + " characters of [a-z0-9_.-]");
        }
        if (id == null || id.isEmpty()) {
            throw new InvalidCommandException(RejectionReason.INVALID_ENTITY_ID, "entityId is missing");
        }
        int length = id.codePointCount(0, id.length());
        if (length > MAX_ID_LENGTH || !PRINTABLE.matcher(id).matches()) {
            throw new InvalidCommandException(
                    RejectionReason.INVALID_ENTITY_ID, "entityId must be 1-" + MAX_ID_LENGTH + " printable characters");
        }
        return new EntityKey(type, id);
    }

    /** The Kafka key of this entity's commands, events and state: {@code <entityType>:<entityId>}. */
    public String key() {
        return type + ":" + id;
    }
}
