package io.tagprocessor.config;

/**
 * How the pipeline works. {@code BATCH} (the default) applies a poll batch in one transaction and
 * relays in batches woken at commit. {@code SIMPLE} is the design a team would write first, kept as
 * the benchmark's honest baseline: one record per transaction (claim in {@code processed_events},
 * apply, outbox rows), and the outbox polled every 100 ms and published in batches. Both give the
 * same guarantees.
 */
public enum ProcessingMode {
    BATCH,
    SIMPLE
}
