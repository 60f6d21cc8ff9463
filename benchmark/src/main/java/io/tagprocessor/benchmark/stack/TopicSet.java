package io.tagprocessor.benchmark.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topics one service run reads and writes, named as the service's {@code TOPIC_*} settings
 * expect them; a prefix keeps the batch and the baseline runs apart on one broker.
 */
public record TopicSet(
        String commands, String events, String entityState, String rejections, String deadLetter, String group) {

    public static TopicSet prefixed(String prefix, String group) {
        return new TopicSet(
                prefix + "tag-commands",
                prefix + "tag-events",
                prefix + "tag-entity-state",
                prefix + "tag-command-rejections",
                prefix + "tag-commands.DLT",
                group);
    }

    /** The service's environment for these topics and this consumer group. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOPIC_COMMANDS", commands);
        env.put("TOPIC_EVENTS", events);
        env.put("TOPIC_ENTITY_STATE", entityState);
        env.put("TOPIC_REJECTIONS", rejections);
        env.put("TOPIC_DEAD_LETTER", deadLetter);
        env.put("CONSUMER_GROUP_ID", group);
        return env;
    }
}
