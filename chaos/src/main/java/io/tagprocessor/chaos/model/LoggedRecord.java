package io.tagprocessor.chaos.model;

import io.tagprocessor.chaos.workload.Planned;

/** A record as read back from {@code tag-commands} (where it really landed) with what the harness meant by it. */
public record LoggedRecord(int partition, long offset, byte[] value, Planned planned) {}
