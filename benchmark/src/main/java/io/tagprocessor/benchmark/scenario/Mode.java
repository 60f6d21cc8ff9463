package io.tagprocessor.benchmark.scenario;

import java.util.Map;

/**
 * How the service runs: its default (batch) pipeline, or the obvious design it offers as a
 * switch for the baseline ({@code TAG_PROCESSOR_MODE=simple}: one record per transaction, a
 * row-by-row relay on a poll interval).
 */
public enum Mode {
    BATCH("batch", "", "tag-processor", Map.of()),
    SIMPLE("simple", "simple.", "tag-processor-simple", Map.of("TAG_PROCESSOR_MODE", "simple"));

    private final String label;
    private final String topicPrefix;
    private final String group;
    private final Map<String, String> environment;

    Mode(String label, String topicPrefix, String group, Map<String, String> environment) {
        this.label = label;
        this.topicPrefix = topicPrefix;
        this.group = group;
        this.environment = environment;
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
