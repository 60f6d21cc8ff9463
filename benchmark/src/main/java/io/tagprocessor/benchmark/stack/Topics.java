package io.tagprocessor.benchmark.stack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the topics of a run up front, shaped as the service would create them. */
public final class Topics {

    private static final long TIMEOUT_SECONDS = 60;

    private Topics() {}

    public static void create(Admin admin, int partitions, TopicSet topics) {
        createAll(
                admin,
                List.of(
                        new NewTopic(topics.commands(), partitions, (short) 1),
                        new NewTopic(topics.events(), partitions, (short) 1),
                        new NewTopic(topics.entityState(), partitions, (short) 1)
                                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                        new NewTopic(topics.rejections(), partitions, (short) 1),
                        new NewTopic(topics.deadLetter(), partitions, (short) 1)));
    }

    public static void create(Admin admin, int partitions, String name) {
        createAll(admin, List.of(new NewTopic(name, partitions, (short) 1)));
    }

    private static void createAll(Admin admin, List<NewTopic> topics) {
        try {
            admin.createTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
