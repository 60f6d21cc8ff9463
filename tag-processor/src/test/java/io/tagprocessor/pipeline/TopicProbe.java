package io.tagprocessor.pipeline;

import io.tagprocessor.testinfra.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/**
 * Reads one topic from the beginning, as a subscriber would, and keeps everything it has seen.
 * Tests call {@link #records} inside Awaitility: each call fetches what arrived since. The consumer
 * is opened on the first call, so a probe can be made before the service under test has created
 * its topics.
 */
public final class TopicProbe implements AutoCloseable {

    private final String bootstrapServers;
    private final String topic;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    private KafkaConsumer<byte[], byte[]> consumer;

    public TopicProbe(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** Everything seen so far whose key is {@code key}, in arrival order. */
    public synchronized List<ConsumerRecord<byte[], byte[]>> records(String key) {
        return records(record -> key.equals(TopicReader.key(record)));
    }

    /** Waits (up to a minute) until at least {@code count} records with this key arrived; returns them all. */
    public List<ConsumerRecord<byte[], byte[]>> await(String key, int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> records(key), records -> records.size() >= count);
    }

    public synchronized List<ConsumerRecord<byte[], byte[]>> records(Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        if (consumer == null) {
            consumer = TopicReader.open(bootstrapServers, topic, true);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(filter).toList();
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return TopicReader.header(record, name);
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }
}
