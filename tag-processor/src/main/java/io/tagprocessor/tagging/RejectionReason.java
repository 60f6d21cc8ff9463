package io.tagprocessor.tagging;

/** Why a command was refused; the code travels in {@code CommandRejected.reason}. */
public enum RejectionReason {
    INVALID_COMMAND_ID,
    INVALID_ACTOR,
    INVALID_SOURCE,
    INVALID_CORRELATION_ID,
    INVALID_ENTITY_TYPE,
    INVALID_ENTITY_ID,
    INVALID_TAG_NAME,
    INVALID_DESCRIPTION,
    INVALID_COLOR,
    TOO_MANY_TAGS,
    UNKNOWN_PAYLOAD,
    TAG_NOT_FOUND,
    TAG_NAME_TAKEN,
    KEY_MISMATCH
}
