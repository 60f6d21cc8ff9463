package io.tagprocessor.config;

/**
 * How the pipeline works. {@code BATCH} (the default) applies a poll batch in one transaction and
 * relays in batches woken at commit. {@code SIMPLE} is the obvious design, kept as the benchmark's
 * honest baseline: one record per transaction, one outbox row per publish, relay on a poll
 * interval. Both give the same guarantees.
 */
public enum ProcessingMode {
    BATCH,
    SIMPLE
}
