package io.tagprocessor.pipeline;

import static io.tagprocessor.pipeline.Commands.assign;
import static io.tagprocessor.pipeline.Commands.define;
import static io.tagprocessor.pipeline.Commands.deleteEntity;
import static io.tagprocessor.pipeline.Commands.deleteTag;
import static io.tagprocessor.pipeline.Commands.rename;
import static io.tagprocessor.pipeline.Commands.replace;
import static io.tagprocessor.pipeline.Commands.unassign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.event.EntityDeletedEvent;
import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagDefinedEvent;
import io.tagprocessor.avro.event.TagDeletedEvent;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.event.TagRenamedEvent;
import io.tagprocessor.avro.state.EntityTagState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every command type, end to end: command in, state in PostgreSQL, events and state records out. */
class EveryCommandTypeIT extends PipelineTestSupport {

    private final TopicProbe events = probe(TOPICS.events());
    private final TopicProbe states = probe(TOPICS.entityState());

    @Test
    void assigningAnUnknownTagCreatesItAndAnnouncesBoth() {
        String entity = unique("a");
        String tag = unique("Kafka");
        Commands.Keyed command = assign("article", entity, tag);
        send(command);

        ConsumerRecord<byte[], byte[]> record =
                events.await("article:" + entity, 1).get(0);
        TagEvent event = decode(record, TagEvent.class);
        assertThat(event.getCausationId()).isEqualTo(command.id());
        assertThat(TopicProbe.header(record, "event_id"))
                .isEqualTo(event.getEventId().toString());
        assertThat(TopicProbe.header(record, "event_type")).isEqualTo("EntityTagsChanged");
        assertThat(TopicProbe.header(record, "causation_id"))
                .isEqualTo(command.id().toString());
        EntityTagsChanged changed = (EntityTagsChanged) event.getPayload();
        assertThat(changed.getAdded()).containsExactly(tag);
        assertThat(changed.getRemoved()).isEmpty();
        assertThat(changed.getTags()).containsExactly(tag);
        assertThat(changed.getVersion()).isEqualTo(1);

        TagEvent defined = decode(events.await(tagKey(tag), 1).get(0), TagEvent.class);
        assertThat(defined.getPayload()).isEqualTo(new TagDefinedEvent(tag, null, null, true));

        EntityTagState state = decode(states.await("article:" + entity, 1).get(0), EntityTagState.class);
        assertThat(state.getTags()).containsExactly(tag);
        assertThat(state.getVersion()).isEqualTo(1);

        Map<String, Object> row = jdbc.sql("""
                        SELECT et.assigned_by, et.source, et.command_id::text AS command_id, e.version
                        FROM entity_tags et JOIN entities e USING (entity_type, entity_id)
                        WHERE et.entity_type = 'article' AND et.entity_id = :id
                        """).param("id", entity).query().singleRow();
        assertThat(row)
                .containsEntry("assigned_by", "alice")
                .containsEntry("source", "cms")
                .containsEntry("command_id", command.id().toString())
                .containsEntry("version", 1L);
        assertThat(outcomeOf(command.id())).isEqualTo("APPLIED");
    }

    @Test
    void replacingIsASetOperationWithExactAddedAndRemoved() {
        String entity = unique("r");
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        send(assign("article", entity, a), assign("article", entity, b));
        events.await("article:" + entity, 2);

        send(replace("article", entity, List.of(b.toUpperCase(Locale.ROOT), c, c)));

        EntityTagsChanged changed =
                entityChange(events.await("article:" + entity, 3).get(2));
        assertThat(changed.getAdded()).containsExactly(c);
        assertThat(changed.getRemoved()).containsExactly(a);
        assertThat(changed.getTags()).containsExactlyInAnyOrder(b, c);
        assertThat(changed.getVersion()).isEqualTo(3);
    }

    @Test
    void unassigningAnAbsentTagIsRecordedWithNoEvent() {
        String entity = unique("u");
        String tag = unique("t");
        Commands.Keyed absent = unassign("article", entity, unique("absent"));
        Commands.Keyed present = assign("article", entity, tag);
        Commands.Keyed removal = unassign("article", entity, tag);
        send(absent, present, removal);

        List<ConsumerRecord<byte[], byte[]>> changes = events.await("article:" + entity, 2);
        assertThat(outcomeOf(absent.id())).isEqualTo("NO_EFFECT");
        assertThat(entityChange(changes.get(1)).getRemoved()).containsExactly(tag);
        assertThat(entityChange(changes.get(1)).getVersion()).isEqualTo(2);
        assertThat(states.await("article:" + entity, 2).get(1).value())
                .as("no tags left: tombstone")
                .isNull();
    }

    @Test
    void definingATagCreatesThenUpdatesIt() {
        String tag = unique("Defined");
        send(define(tag, "first", "#112233"), define(tag, "second", null), define(tag, "second", null));

        List<ConsumerRecord<byte[], byte[]>> records = events.await(tagKey(tag), 2);
        assertThat(decode(records.get(0), TagEvent.class).getPayload())
                .isEqualTo(new TagDefinedEvent(tag, "first", "#112233", true));
        assertThat(decode(records.get(1), TagEvent.class).getPayload())
                .isEqualTo(new TagDefinedEvent(tag, "second", null, false));
        await().untilAsserted(() -> assertThat(jdbc.sql("SELECT description FROM tags WHERE display_name = :n")
                        .param("n", tag)
                        .query(String.class)
                        .single())
                .isEqualTo("second"));
    }

    @Test
    void renamingChangesEveryEntityCarryingTheTagAndRefusesATakenName() {
        String tag = unique("Old");
        String renamed = unique("New");
        String taken = unique("Taken");
        String e1 = unique("e1");
        String e2 = unique("e2");
        send(assign("article", e1, tag), assign("video", e2, tag), define(taken, null, null));
        events.await("article:" + e1, 1);
        events.await("video:" + e2, 1);
        events.await(tagKey(taken), 1);

        Commands.Keyed refused = rename(tag, taken.toLowerCase(Locale.ROOT));
        send(refused, rename(tag, renamed));

        // the tag's events stay under the key it was created with: its definition, then the rename
        TagEvent event = decode(events.await(tagKey(tag), 2).get(1), TagEvent.class);
        assertThat(event.getPayload()).isEqualTo(new TagRenamedEvent(tag, renamed, 2L));
        assertThat(events.records(tagKey(renamed))).isEmpty();
        EntityTagsChanged changed = entityChange(events.await("video:" + e2, 2).get(1));
        assertThat(changed.getAdded()).containsExactly(renamed);
        assertThat(changed.getRemoved()).containsExactly(tag);
        assertThat(changed.getTags()).containsExactly(renamed);
        assertThat(changed.getVersion()).isEqualTo(2);
        assertThat(outcomeOf(refused.id())).isEqualTo("REJECTED");
    }

    @Test
    void deletingATagRemovesItFromEveryEntityWithOneChangeEach() {
        String tag = unique("Doomed");
        String keep = unique("Keep");
        String e1 = unique("e1");
        String e2 = unique("e2");
        send(assign("article", e1, tag), assign("article", e1, keep), assign("article", e2, tag));
        events.await("article:" + e1, 2);
        events.await("article:" + e2, 1);

        send(deleteTag(tag));

        TagEvent deleted = decode(events.await(tagKey(tag), 2).get(1), TagEvent.class);
        assertThat(deleted.getPayload()).isEqualTo(new TagDeletedEvent(tag, 2L));
        EntityTagsChanged first = entityChange(events.await("article:" + e1, 3).get(2));
        assertThat(first.getRemoved()).containsExactly(tag);
        assertThat(first.getTags()).containsExactly(keep);
        assertThat(entityChange(events.await("article:" + e2, 2).get(1)).getTags())
                .isEmpty();
        // the tag's row goes when its fan-out has finished
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE display_name = :n")
                                .param("n", tag)
                                .query(Long.class)
                                .single())
                        .isZero());
    }

    @Test
    void deletingAnEntityRemovesAllItsTagsAndLeavesATombstone() {
        String entity = unique("d");
        String a = unique("a");
        String b = unique("b");
        send(assign("article", entity, a), assign("article", entity, b));
        events.await("article:" + entity, 2);

        send(deleteEntity("article", entity));

        TagEvent event = decode(events.await("article:" + entity, 3).get(2), TagEvent.class);
        EntityDeletedEvent deleted = (EntityDeletedEvent) event.getPayload();
        assertThat(deleted.getRemoved()).containsExactlyInAnyOrder(a, b);
        assertThat(deleted.getVersion()).isEqualTo(3);
        assertThat(states.await("article:" + entity, 3).get(2).value()).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM entity_tags WHERE entity_id = :id")
                        .param("id", entity)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private EntityTagsChanged entityChange(ConsumerRecord<byte[], byte[]> record) {
        return (EntityTagsChanged) decode(record, TagEvent.class).getPayload();
    }

    private static String tagKey(String tag) {
        return "tag:" + tag.toLowerCase(Locale.ROOT);
    }
}
