package io.tagprocessor.testinfra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads a topic as a subscriber does: raw bytes, {@code read_committed}, every partition assigned (no
 * consumer group, so nothing is committed and no rebalance waits), records up to 16 MiB.
 */
public final class TopicReader {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STABLE_TIMEOUT = Duration.ofSeconds(10);

    private TopicReader() {}

    /**
     * A consumer of every partition of {@code topic}, positioned at its beginning or at its end now
     * (positions resolved before this returns, so nothing produced afterwards is missed); the caller
     * polls and closes it.
     */
    public static KafkaConsumer<byte[], byte[]> open(String bootstrapServers, String topic, boolean fromBeginning) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, "read_committed");
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String isolationLevel) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                16 * 1024 * 1024,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolationLevel,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }

    /**
     * Every committed record of the topic, each partition from its beginning to the end offset it had
     * when reading began, once no transaction is pending there (see {@link #stableEnd}).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = open(bootstrapServers, topic, true)) {
            Map<TopicPartition, Long> end = stableEnd(bootstrapServers, consumer);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.removeIf(r -> r.offset() >= end.get(new TopicPartition(topic, r.partition())));
            return records;
        }
    }

    /**
     * The last stable offsets of the consumer's partitions, once they reach the latest offsets. A
     * transactional writer's commit returns before the broker has written the commit markers, and
     * until then the stable offset stays at the start of that transaction: a read right after the
     * writer committed (the relay deleted its rows) would miss those records. Waits up to
     * {@link #STABLE_TIMEOUT}; a topic still written to (or a hanging transaction) is read up to its
     * stable offsets as they are then.
     */
    private static Map<TopicPartition, Long> stableEnd(
            String bootstrapServers, KafkaConsumer<byte[], byte[]> committed) {
        try (KafkaConsumer<byte[], byte[]> uncommitted = consumer(bootstrapServers, "read_uncommitted")) {
            try {
                return Awaitility.await("no pending transaction on " + committed.assignment())
                        .atMost(STABLE_TIMEOUT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(
                                () -> committed.endOffsets(committed.assignment(), METADATA_TIMEOUT),
                                stable -> stable.equals(uncommitted.endOffsets(stable.keySet(), METADATA_TIMEOUT)));
            } catch (ConditionTimeoutException e) {
                return committed.endOffsets(committed.assignment(), METADATA_TIMEOUT);
            }
        }
    }

    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
