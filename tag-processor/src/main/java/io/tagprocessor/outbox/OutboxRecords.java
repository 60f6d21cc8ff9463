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
import io.tagprocessor.tagging.Change;
import io.tagprocessor.tagging.CommandContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the outbox rows of one command: for each change an event on {@code tag-events}; an entity
 * change carries, as its companion, the entity's new state for {@code tag-entity-state} (a
 * tombstone when it has no tags left). Event ids follow {@link EventIds}: one id per (command, event
 * type, subject). A command never has two events of the same type about the same subject; if a bug
 * ever produced that, the command fails (and is dead-lettered) rather than publish one id twice.
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
        List<OutboxRow> rows = new ArrayList<>(changes.size());
        String causation = context.commandId().toString();
        Set<UUID> ids = new HashSet<>();
        for (Change change : changes) {
            Object payload = payload(change);
            String type = payload.getClass().getSimpleName();
            UUID eventId = EventIds.of(context.commandId(), type, change.key());
            if (!ids.add(eventId)) {
                throw new IllegalStateException(
                        "command " + causation + " produced two " + type + " events about " + change.key());
            }
            TagEvent event = new TagEvent(eventId, context.commandId(), context.appliedAt(), payload);
            OutboxRow row = OutboxRow.unsaved(
                    topics.events(),
                    keyBytes(change.key()),
                    eventId,
                    type,
                    causation,
                    encoder.encode(topics.events(), event));
            if (change instanceof Change.EntityTagsChanged || change instanceof Change.EntityDeleted) {
                EntityTagState state = stateOf(change, context.appliedAt());
                byte[] statePayload = state == null ? null : encoder.encode(topics.entityState(), state);
                row = row.withCompanion(new OutboxRow.Companion(
                        topics.entityState(), EntityTagState.class.getSimpleName(), statePayload));
            }
            rows.add(row);
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
                rejected.getCommandId(),
                payload);
    }

    public OutboxRow deadLetter(DeadLetter letter) {
        UUID eventId = derivedId(letter.identity(), "dead-letter", 0);
        return OutboxRow.unsaved(topics.deadLetter(), letter.key(), eventId, "DeadLetter", null, letter.value())
                .withExtraHeaders(letter.headers());
    }

    private static byte[] keyBytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
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
