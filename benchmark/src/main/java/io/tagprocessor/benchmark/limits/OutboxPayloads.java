package io.tagprocessor.benchmark.limits;

import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagDefinedEvent;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.benchmark.workload.Effect;
import io.tagprocessor.benchmark.workload.GeneratedCommand;
import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outbox rows the service writes for one effective command, with real payloads: a
 * {@code TagEvent} per change (plus one per tag it creates) and the entity's new
 * {@code EntityTagState}, encoded in the wire format.
 */
final class OutboxPayloads {

    private static final String EVENTS = "limit.tag-events";
    private static final String STATE = "limit.tag-entity-state";

    private final ConfluentAvroSerializer<SpecificRecord> serializer;

    OutboxPayloads(SchemaRegistry registry) {
        this.serializer = new ConfluentAvroSerializer<>(registry);
    }

    record Row(String topic, byte[] key, UUID eventId, String eventType, byte[] payload, String causation) {}

    List<Row> rowsOf(GeneratedCommand command) {
        Effect effect = command.effect();
        UUID causation = command.command().getCommandId();
        Instant now = Instant.now();
        byte[] key = command.key().getBytes(StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        if (!effect.onEntity()) {
            String tag = command.key().substring("tag:".length());
            rows.add(event(key, causation, new TagDefinedEvent(tag, "defined", "#000000", false), now));
            return rows;
        }
        for (String tag : effect.createdTags()) {
            rows.add(event(key, causation, new TagDefinedEvent(tag, null, null, true), now));
        }
        rows.add(event(
                key,
                causation,
                new EntityTagsChanged(
                        effect.entityType(),
                        effect.entityId(),
                        effect.added(),
                        effect.removed(),
                        effect.tags(),
                        effect.version()),
                now));
        EntityTagState state =
                new EntityTagState(effect.entityType(), effect.entityId(), effect.tags(), effect.version(), now);
        byte[] payload = effect.tags().isEmpty() ? null : serializer.serialize(STATE, state);
        rows.add(new Row(STATE, key, UUID.randomUUID(), "EntityTagState", payload, causation.toString()));
        return rows;
    }

    private Row event(byte[] key, UUID causation, Object payload, Instant now) {
        UUID eventId = UUID.randomUUID();
        TagEvent event = new TagEvent(eventId, causation, now, payload);
        return new Row(
                EVENTS,
                key,
                eventId,
                payload.getClass().getSimpleName(),
                serializer.serialize(EVENTS, event),
                causation.toString());
    }
}
