package io.tagprocessor.testinfra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on one topic: end offsets minus committed offsets, summed over the
 * partitions (a partition the group never committed counts from offset 0, where its records start).
 */
public final class LagReader {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final String topic;
    private final String group;
    private List<TopicPartition> partitions;

    public LagReader(Admin admin, String topic, String group) {
        this.admin = admin;
        this.topic = topic;
        this.group = group;
    }

    /** The lag now, or -1 when the broker did not answer in time. */
    public long lag() {
        try {
            if (partitions == null) {
                partitions = TopicAdmin.partitions(admin, topic);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : TopicAdmin.endOffsets(admin, partitions).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
