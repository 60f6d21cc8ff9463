package io.tagprocessor.testinfra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

/** Creates topics and reads their end offsets: the admin side of the stack, one place for both. */
public final class TopicAdmin {

    private static final long TIMEOUT_SECONDS = 60;

    private TopicAdmin() {}

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits until
     * every partition has a leader that serves it: producing to a partition whose broker has not yet
     * applied the topic's creation sends an idempotent producer into retries that end in lost records
     * (KAFKA-15591: the first request fails NOT_LEADER_OR_FOLLOWER, a later one is appended, and the
     * first then loops on OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout). Metadata can name
     * the leader before that broker serves the partition, so the wait also reads every partition's
     * end offset from its leader.
     */
    public static void create(Admin admin, List<NewTopic> topics) {
        try {
            for (var creation : admin.createTopics(topics).values().entrySet()) {
                try {
                    creation.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + creation.getKey(), e.getCause());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topics " + topics + " not created within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
        List<String> names = topics.stream().map(NewTopic::name).toList();
        Awaitility.await("every partition of " + names + " has a leader")
                .atMost(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .pollInterval(100, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .until(() -> led(admin, names));
    }

    /** The topic's partitions. */
    public static List<TopicPartition> partitions(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** Each partition's end offset (the offset the next record gets). */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** How many records the topic holds: the sum of its partitions' end offsets. */
    public static long records(Admin admin, String topic) {
        try {
            return endOffsets(admin, partitions(admin, topic)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading end offsets", e);
        }
    }

    private static boolean led(Admin admin, List<String> names) throws Exception {
        var described = admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        boolean elected = described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (!elected) {
            return false;
        }
        List<TopicPartition> partitions = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        return endOffsets(admin, partitions).size() == partitions.size();
    }
}
