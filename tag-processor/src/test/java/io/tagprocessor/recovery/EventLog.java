package io.tagprocessor.recovery;

import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.testinfra.TopicReader;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Everything an events topic holds, read to its end as a subscriber would, decoded. */
final class EventLog {

    /** One event as a subscriber sees it: its id, type, key, cause and what changed (not when). */
    record Fact(String eventId, String type, String key, String causation, String payload) {}

    private EventLog() {}

    /** Every event on the topic, by event id (a re-published event keeps its first copy). */
    static Map<String, Fact> read(String bootstrapServers, SchemaRegistry registry, String topic) {
        ConfluentAvroDeserializer<TagEvent> deserializer = new ConfluentAvroDeserializer<>(registry, TagEvent.class);
        Map<String, Fact> facts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(bootstrapServers, topic)) {
            TagEvent event = deserializer.deserialize(topic, record.value());
            facts.putIfAbsent(
                    event.getEventId().toString(),
                    new Fact(
                            event.getEventId().toString(),
                            event.getPayload().getClass().getSimpleName(),
                            TopicReader.key(record),
                            event.getCausationId().toString(),
                            event.getPayload().toString()));
        }
        return facts;
    }

    /** How many records the topic holds (re-published copies included). */
    static int count(String bootstrapServers, String topic) {
        return TopicReader.readAll(bootstrapServers, topic).size();
    }
}
