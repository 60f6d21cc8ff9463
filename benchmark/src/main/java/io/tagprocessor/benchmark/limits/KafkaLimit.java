package io.tagprocessor.benchmark.limits;

import io.tagprocessor.benchmark.stack.Producers;
import io.tagprocessor.benchmark.workload.EncodedCommand;
import io.tagprocessor.testinfra.Stack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka alone: the backlog's records (same keys, same bytes) produced to a fresh topic by an
 * idempotent {@code acks=all} producer while a consumer reads them back; timed from the first
 * send to the last record read. No database, no decoding: the ceiling of moving these records.
 */
public final class KafkaLimit {

    private static final String TOPIC = "limit.kafka";
    private static final Duration TIME_LIMIT = Duration.ofMinutes(10);

    private KafkaLimit() {}

    public static LimitResult run(Stack stack, int partitions, List<EncodedCommand> records) {
        stack.createTopic(TOPIC, partitions);
        long bytes = records.stream()
                .mapToLong(r -> r.key().length + r.value().length)
                .sum();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(stack.bootstrapServers());
                KafkaProducer<byte[], byte[]> producer = Producers.bulk(stack.bootstrapServers())) {
            List<TopicPartition> assigned = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            assigned.forEach(consumer::position);
            long start = System.nanoTime();
            CompletableFuture<Long> lastRead = CompletableFuture.supplyAsync(() -> readAll(consumer, records.size()));
            for (EncodedCommand record : records) {
                producer.send(new ProducerRecord<>(TOPIC, record.key(), record.value()));
            }
            producer.flush();
            long end = lastRead.get(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
            return new LimitResult("kafka", records.size(), records.size(), bytes, (end - start) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka limit failed", e);
        }
    }

    private static long readAll(KafkaConsumer<byte[], byte[]> consumer, int expected) {
        long read = 0;
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        while (read < expected && System.nanoTime() < deadline) {
            read += consumer.poll(Duration.ofMillis(100)).count();
        }
        if (read < expected) {
            throw new IllegalStateException("read " + read + " of " + expected + " records");
        }
        return System.nanoTime();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "limit-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }
}
