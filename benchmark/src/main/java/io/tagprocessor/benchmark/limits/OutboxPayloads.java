package io.tagprocessor.benchmark.limits;

import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagDefinedEvent;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.benchmark.workload.Effect;
import io.tagprocessor.benchmark.workload.GeneratedCommand;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outbox rows the service writes for one effective command, with real payloads: a
 * {@code TagEvent} per change (plus one per tag it creates), an entity change carrying the entity's
 * new {@code EntityTagState} as its companion, encoded in the wire format.
 */
final class OutboxPayloads {

    private static final String EVENTS = "limit.tag-events";
    private static final String STATE = "limit.tag-entity-state";

    private final ConfluentAvroSerializer<SpecificRecord> serializer;

    OutboxPayloads(SchemaRegistry registry) {
        this.serializer = new ConfluentAvroSerializer<>(registry);
    }

    /** The rows the service appends for the command (the entity's state as the change's companion). */
    List<OutboxRow> rowsOf(GeneratedCommand command) {
        Effect effect = command.effect();
        UUID causation = command.command().getCommandId();
        Instant now = Instant.now();
        byte[] key = command.key().getBytes(StandardCharsets.UTF_8);
        List<OutboxRow> rows = new ArrayList<>();
        if (!effect.onEntity()) {
            String tag = command.key().substring("tag:".length());
            rows.add(event(key, causation, new TagDefinedEvent(tag, "defined", "#000000", false), now, null));
            return rows;
        }
        for (String tag : effect.createdTags()) {
            rows.add(event(key, causation, new TagDefinedEvent(tag, null, null, true), now, null));
        }
        EntityTagState state =
                new EntityTagState(effect.entityType(), effect.entityId(), effect.tags(), effect.version(), now);
        byte[] statePayload = effect.tags().isEmpty() ? null : serializer.serialize(STATE, state);
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
                now,
                new OutboxRow.Companion(STATE, "EntityTagState", statePayload)));
        return rows;
    }

    private OutboxRow event(byte[] key, UUID causation, Object payload, Instant now, OutboxRow.Companion companion) {
        UUID eventId = UUID.randomUUID();
        TagEvent event = new TagEvent(eventId, causation, now, payload);
        return new OutboxRow(
                0,
                EVENTS,
                key,
                eventId,
                payload.getClass().getSimpleName(),
                causation.toString(),
                serializer.serialize(EVENTS, event),
                companion,
                Map.of());
    }
}
