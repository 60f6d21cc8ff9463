package io.tagprocessor.recovery;

import io.tagprocessor.testinfra.TestInfrastructure;
import java.util.List;
import java.util.UUID;

/** A set of topics of one test: commands in, and the service's four outputs. */
record Topics(String commands, String events, String entityState, String rejections, String deadLetter) {

    static final int PARTITIONS = 3;

    /** Fresh topic names, the commands topic created on the shared broker. */
    static Topics create(TestInfrastructure infra, String prefix) {
        Topics topics = named(prefix);
        infra.createTopics(PARTITIONS, topics.commands());
        return topics;
    }

    /** Fresh topic names, none created yet: the service creates them as it does in production. */
    static Topics named(String prefix) {
        String base = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new Topics(base + "-commands", base + "-events", base + "-state", base + "-rejections", base + "-dlt");
    }

    /** The same commands topic with other output topics: a rebuild beside the live service. */
    Topics withOutputsPrefixed(String prefix) {
        return new Topics(commands, prefix + events, prefix + entityState, prefix + rejections, prefix + deadLetter);
    }

    List<String> properties() {
        return List.of(
                "tag-processor.topics.commands=" + commands,
                "tag-processor.topics.events=" + events,
                "tag-processor.topics.entity-state=" + entityState,
                "tag-processor.topics.rejections=" + rejections,
                "tag-processor.topics.dead-letter=" + deadLetter);
    }
}
