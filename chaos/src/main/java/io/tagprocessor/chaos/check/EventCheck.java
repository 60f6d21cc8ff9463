package io.tagprocessor.chaos.check;

import io.tagprocessor.avro.event.EntityDeletedEvent;
import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.chaos.check.Findings.Kind;
import io.tagprocessor.chaos.model.EntityModel;
import io.tagprocessor.chaos.model.Model;
import io.tagprocessor.chaos.model.Snapshot;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.TopicReader;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The events topic against the model: a re-published event has the same content as its first copy,
 * every event has a cause the model applied, each entity's versions arrive once each and in order
 * with the tags the model says, and every applied change has its event.
 */
final class EventCheck {

    private static final String EVENTS_TOPIC = ServiceTopics.defaults().events();

    private final Model model;
    private final Findings findings;
    private final ConfluentAvroDeserializer<TagEvent> events;
    private int eventCount;
    private int redelivered;

    EventCheck(Model model, Findings findings, ConfluentAvroDeserializer<TagEvent> events) {
        this.model = model;
        this.findings = findings;
        this.events = events;
    }

    int eventCount() {
        return eventCount;
    }

    int redelivered() {
        return redelivered;
    }

    void check(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, byte[]> firstCopy = new HashMap<>();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byEntity = new TreeMap<>();
        Set<String> tagCausations = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : Verifier.inOrder(records)) {
            eventCount++;
            String eventId = TopicReader.header(record, "event_id");
            byte[] previous = firstCopy.putIfAbsent(eventId, record.value());
            if (previous != null) {
                redelivered++;
                if (!Arrays.equals(previous, record.value())) {
                    findings.add(
                            Kind.DOUBLED,
                            "event " + eventId + " published twice with different content (key "
                                    + TopicReader.key(record) + ")");
                }
                continue;
            }
            TagEvent event = events.deserialize(EVENTS_TOPIC, record.value());
            String causation = event.getCausationId().toString();
            if (!model.applied(causation)) {
                findings.add(
                        Kind.DOUBLED,
                        "event " + eventId + " caused by " + causation + ", which the model did not apply (key "
                                + TopicReader.key(record) + ")");
            }
            Object payload = event.getPayload();
            if (payload instanceof EntityTagsChanged || payload instanceof EntityDeletedEvent) {
                byEntity.computeIfAbsent(TopicReader.key(record), k -> new ArrayList<>())
                        .add(record);
            } else {
                tagCausations.add(causation);
            }
        }
        byEntity.forEach(this::checkEntity);
        model.entities().values().stream()
                .filter(e -> e.version() > 0 && !byEntity.containsKey(e.key()))
                .forEach(e ->
                        findings.add(Kind.LOST, "no event at all for " + e.key() + " (version " + e.version() + ")"));
        model.appliedTagCommands().stream()
                .filter(id -> !tagCausations.contains(id))
                .forEach(id -> findings.add(Kind.LOST, "no tag event for applied tag command " + id));
    }

    /** First copies only, in publish order: each version once, last + 1 each time, as the model says. */
    private void checkEntity(String key, List<ConsumerRecord<byte[], byte[]>> records) {
        EntityModel entity = model.entities().get(key);
        Map<Long, String> ids = new HashMap<>();
        long last = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TagEvent event = events.deserialize(EVENTS_TOPIC, record.value());
            long version;
            Set<String> tags;
            boolean deletion = event.getPayload() instanceof EntityDeletedEvent;
            if (deletion) {
                version = ((EntityDeletedEvent) event.getPayload()).getVersion();
                tags = Set.of();
            } else {
                EntityTagsChanged changed = (EntityTagsChanged) event.getPayload();
                version = changed.getVersion();
                tags = new TreeSet<>(changed.getTags());
            }
            String eventId = event.getEventId().toString();
            String earlier = ids.putIfAbsent(version, eventId);
            if (earlier != null) {
                findings.add(
                        Kind.DOUBLED,
                        key + " version " + version + " published as two events " + earlier + " and " + eventId);
                continue;
            }
            if (version != last + 1) {
                findings.add(Kind.ORDER_VIOLATION, key + " published version " + version + " after " + last);
            }
            last = Math.max(last, version);
            Snapshot expected = entity == null ? null : entity.at(version);
            if (expected == null) {
                findings.add(Kind.DOUBLED, key + " event for version " + version + " the model never reached");
            } else if (!expected.tags().equals(tags)
                    || expected.deletion() != deletion
                    || !expected.causationId().equals(event.getCausationId().toString())) {
                findings.add(
                        Kind.EVENT_MISMATCH,
                        key + " version " + version + ": event " + tags + " by " + event.getCausationId()
                                + (deletion ? " (deleted)" : "") + ", expected " + expected);
            }
        }
        long expectedVersion = entity == null ? 0 : entity.version();
        for (long v = 1; v <= expectedVersion; v++) {
            if (!ids.containsKey(v)) {
                findings.add(Kind.LOST, key + " has no event for version " + v);
            }
        }
    }
}
