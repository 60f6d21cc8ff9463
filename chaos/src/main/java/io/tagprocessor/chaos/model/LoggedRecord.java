package io.tagprocessor.chaos.model;

import io.tagprocessor.chaos.workload.Planned;
import io.tagprocessor.testinfra.ServiceTopics;

/** A record as read back from {@code tag-commands} (where it really landed) with what the harness meant by it. */
public record LoggedRecord(int partition, long offset, long timestamp, byte[] value, Planned planned) {

    /** The claim key the service gives a record without a usable command id. */
    public String identity() {
        return ServiceTopics.defaults().commands() + "/" + partition + "/" + offset + "/" + timestamp;
    }
}
