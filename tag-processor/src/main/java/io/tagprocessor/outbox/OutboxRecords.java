package io.tagprocessor.outbox;

import io.tagprocessor.avro.event.EntityDeletedEvent;
import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagDefinedEvent;
import io.tagprocessor.avro.event.TagDeletedEvent;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.event.TagRenamedEvent;
import io.tagprocessor.avro.rejection.CommandRejected;
import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.config.TopicSettings;
import io.tagprocessor.store.OutboxRow;
import io.tagprocessor.tagging.Change;
import io.tagprocessor.tagging.CommandContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

/**
 * Builds the outbox rows of one command: for each change an event on {@code tag-events} and, for
 * entity changes, the entity's new state on {@code tag-entity-state} (a tombstone when it has no
 * tags left). Event ids are name-based UUIDs of (command id, position), stable across re-runs.
 */
@Component
public class OutboxRecords {

    private final TopicSettings topics;
    private final RecordEncoder encoder;

    public OutboxRecords(TagProcessorProperties properties, RecordEncoder encoder) {
        this.topics = properties.topics();
        this.encoder = encoder;
    }

    public List<OutboxRow> forChanges(CommandContext context, List<Change> changes) {
        List<OutboxRow> rows = new ArrayList<>();
        String causation = context.commandId().toString();
        for (Change change : changes) {
            UUID eventId = derivedId(causation, "event", rows.size());
            TagEvent event = new TagEvent(eventId, context.commandId(), context.appliedAt(), payload(change));
            rows.add(row(
                    topics.events(),
                    change.key(),
                    eventId,
                    event.getPayload().getClass().getSimpleName(),
                    event,
                    causation));
            if (change instanceof Change.EntityTagsChanged || change instanceof Change.EntityDeleted) {
                UUID stateId = derivedId(causation, "state", rows.size());
                EntityTagState state = stateOf(change, context.appliedAt());
                rows.add(row(
                        topics.entityState(),
                        change.key(),
                        stateId,
                        EntityTagState.class.getSimpleName(),
                        state,
                        causation));
            }
        }
        return rows;
    }

    public OutboxRow rejection(byte[] key, CommandRejected rejected, String claimKey) {
        UUID eventId = derivedId(claimKey, "rejected", 0);
        byte[] payload = encoder.encode(topics.rejections(), rejected);
        return OutboxRow.unsaved(
                topics.rejections(),
                key,
                eventId,
                CommandRejected.class.getSimpleName(),
                payload,
                Map.of(
                        Headers.EVENT_ID,
                        eventId.toString(),
                        Headers.EVENT_TYPE,
                        CommandRejected.class.getSimpleName(),
                        Headers.CAUSATION_ID,
                        rejected.getCommandId()));
    }

    public OutboxRow deadLetter(DeadLetter letter) {
        UUID eventId = derivedId(letter.position(), "dead-letter", 0);
        return OutboxRow.unsaved(
                topics.deadLetter(), letter.key(), eventId, "DeadLetter", letter.value(), letter.headers());
    }

    private OutboxRow row(String topic, String key, UUID eventId, String type, SpecificRecord value, String causation) {
        byte[] payload = value == null ? null : encoder.encode(topic, value);
        return OutboxRow.unsaved(
                topic,
                key.getBytes(StandardCharsets.UTF_8),
                eventId,
                type,
                payload,
                Map.of(
                        Headers.EVENT_ID,
                        eventId.toString(),
                        Headers.EVENT_TYPE,
                        type,
                        Headers.CAUSATION_ID,
                        causation));
    }

    private static Object payload(Change change) {
        if (change instanceof Change.EntityTagsChanged c) {
            return new EntityTagsChanged(
                    c.entity().type(), c.entity().id(), c.added(), c.removed(), c.tags(), c.version());
        }
        if (change instanceof Change.EntityDeleted c) {
            return new EntityDeletedEvent(c.entity().type(), c.entity().id(), c.removed(), c.version());
        }
        if (change instanceof Change.TagDefined c) {
            return new TagDefinedEvent(c.tag().display(), c.description(), c.color(), c.created());
        }
        if (change instanceof Change.TagRenamed c) {
            return new TagRenamedEvent(c.oldName().display(), c.newName().display(), c.affectedEntities());
        }
        Change.TagDeleted c = (Change.TagDeleted) change;
        return new TagDeletedEvent(c.tag().display(), c.affectedEntities());
    }

    /** The entity's state after the change; null (a tombstone) when it has no tags left. */
    private static EntityTagState stateOf(Change change, Instant at) {
        if (change instanceof Change.EntityTagsChanged c && !c.tags().isEmpty()) {
            return new EntityTagState(c.entity().type(), c.entity().id(), c.tags(), c.version(), at);
        }
        return null;
    }

    static UUID derivedId(String origin, String kind, int position) {
        return UUID.nameUUIDFromBytes((origin + '/' + kind + '/' + position).getBytes(StandardCharsets.UTF_8));
    }
}
