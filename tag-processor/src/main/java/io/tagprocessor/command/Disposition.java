package io.tagprocessor.command;

/** What became of one record read; every record ends in exactly one of these. */
enum Disposition {
    APPLIED,
    NO_EFFECT,
    DUPLICATE,
    REJECTED,
    DEAD_LETTERED;

    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
