package io.tagprocessor.recovery;

import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Everything an events topic holds, read to its end as a subscriber would, decoded. */
final class EventLog {

    /** One event as a subscriber sees it: its id, type, key, cause and what changed (not when). */
    record Fact(String eventId, String type, String key, String causation, String payload) {}

    private EventLog() {}

    /** Every event on the topic, by event id (a re-published event keeps its first copy). */
    static Map<String, Fact> read(String bootstrapServers, SchemaRegistry registry, String topic) {
        ConfluentAvroDeserializer<TagEvent> deserializer = new ConfluentAvroDeserializer<>(registry, TagEvent.class);
        Map<String, Fact> facts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records(bootstrapServers, topic)) {
            TagEvent event = deserializer.deserialize(topic, record.value());
            facts.putIfAbsent(
                    event.getEventId().toString(),
                    new Fact(
                            event.getEventId().toString(),
                            event.getPayload().getClass().getSimpleName(),
                            new String(record.key(), StandardCharsets.UTF_8),
                            event.getCausationId().toString(),
                            event.getPayload().toString()));
        }
        return facts;
    }

    /** How many records the topic holds (re-published copies included). */
    static int count(String bootstrapServers, String topic) {
        return records(bootstrapServers, topic).size();
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
