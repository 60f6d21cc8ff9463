package io.tagprocessor.benchmark.stack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
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

    /** How many records the topic holds: the sum of its partitions' end offsets. */
    public static long records(Admin admin, String topic) {
        try {
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .mapToLong(ListOffsetsResultInfo::offset)
                    .sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        }
    }

    /**
     * Waits until every partition has a leader: producing to a partition whose leader is not elected
     * yet sends an idempotent producer into retries that can end in lost records.
     */
    private static void awaitLeaders(Admin admin, List<String> names)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            boolean led =
                    admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                            .flatMap(d -> d.partitions().stream())
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (led) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new TimeoutException("partitions of " + names + " without a leader after " + TIMEOUT_SECONDS + " s");
    }

    private static void createAll(Admin admin, List<NewTopic> topics) {
        try {
            admin.createTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
