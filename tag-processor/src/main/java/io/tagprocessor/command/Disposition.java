package io.tagprocessor.command;

/** What became of one record read; every record ends in exactly one of these. */
public enum Disposition {
    APPLIED,
    NO_EFFECT,
    DUPLICATE,
    REJECTED,
    DEAD_LETTERED;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
