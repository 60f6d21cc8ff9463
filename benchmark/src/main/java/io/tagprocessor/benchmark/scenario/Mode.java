package io.tagprocessor.benchmark.scenario;

import java.util.Map;

/**
 * How the service runs: its default (batch) pipeline in one process, the same in two processes
 * sharing one database and consumer group ({@code pair}, for the scale factor), or the design a team
 * would write first, which it offers as a switch for the baseline ({@code TAG_PROCESSOR_MODE=simple}:
 * one record per transaction, the outbox polled every 100 ms).
 */
public enum Mode {
    BATCH("batch", "", "tag-processor", Map.of(), 1),
    PAIR("pair", "pair.", "tag-processor-pair", Map.of(), 2),
    SIMPLE("simple", "simple.", "tag-processor-simple", Map.of("TAG_PROCESSOR_MODE", "simple"), 1);

    private final String label;
    private final String topicPrefix;
    private final String group;
    private final Map<String, String> environment;
    private final int instances;

    Mode(String label, String topicPrefix, String group, Map<String, String> environment, int instances) {
        this.label = label;
        this.topicPrefix = topicPrefix;
        this.group = group;
        this.environment = environment;
        this.instances = instances;
    }

    /** Service processes, all on one database and one consumer group. */
    public int instances() {
        return instances;
    }

    public String label() {
        return label;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public String group() {
        return group;
    }

    public Map<String, String> environment() {
        return environment;
    }
}
