package io.tagprocessor.chaos.model;

/**
 * What must become of one record read from {@code tag-commands}: its outcome, the reason code for a
 * refusal, and the key of its {@code processed_events} row (none for a duplicate).
 */
public record Expected(String claimKey, String outcome, String reason, int partition, long offset) {

    public static final String APPLIED = "APPLIED";
    public static final String NO_EFFECT = "NO_EFFECT";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String REJECTED = "REJECTED";
    public static final String DEAD_LETTERED = "DEAD_LETTERED";

    public boolean claimed() {
        return !DUPLICATE.equals(outcome);
    }
}
