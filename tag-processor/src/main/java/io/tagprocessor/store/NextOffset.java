package io.tagprocessor.store;

/** The next offset a consumer group reads from one partition of a topic. */
public record NextOffset(String topic, int partition, long offset) {}
