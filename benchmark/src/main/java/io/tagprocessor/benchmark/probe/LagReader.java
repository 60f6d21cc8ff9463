package io.tagprocessor.benchmark.probe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer group's lag on one topic: end offsets minus committed offsets, summed over the
 * partitions (a partition the group never committed counts from offset 0, where the backlog starts).
 * If the configured group commits nothing on the topic while another group does, that other group
 * is the service's (its group id is not the configured one) and is followed instead, with a warning.
 */
final class LagReader {

    private static final Logger log = LoggerFactory.getLogger(LagReader.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final String topic;
    private final String configuredGroup;
    private String group;
    private List<TopicPartition> partitions;

    LagReader(Admin admin, String topic, String group) {
        this.admin = admin;
        this.topic = topic;
        this.configuredGroup = group;
        this.group = group;
    }

    /** The lag now, or -1 when the broker did not answer in time. */
    long lag() {
        try {
            List<TopicPartition> all = partitions();
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            if (group.equals(configuredGroup) && !onTopic(committed)) {
                committed = followActualGroup(committed);
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
                            all.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : all) {
                OffsetAndMetadata done = committed.get(partition);
                lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws Exception {
        return admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private boolean onTopic(Map<TopicPartition, OffsetAndMetadata> committed) {
        return committed.keySet().stream().anyMatch(p -> p.topic().equals(topic));
    }

    private Map<TopicPartition, OffsetAndMetadata> followActualGroup(Map<TopicPartition, OffsetAndMetadata> none)
            throws Exception {
        for (var listing : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            String candidate = listing.groupId();
            if (candidate.startsWith("benchmark-") || candidate.startsWith("limit-")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committed(candidate);
            if (onTopic(committed)) {
                log.warn(
                        "lag configured_group={} has no offsets on topic={}; following group={} instead",
                        configuredGroup,
                        topic,
                        candidate);
                group = candidate;
                return committed;
            }
        }
        return none;
    }

    private List<TopicPartition> partitions() throws Exception {
        if (partitions == null) {
            partitions = admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
        }
        return partitions;
    }
}
