package io.tagprocessor.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.event.TagRenamedEvent;
import io.tagprocessor.avro.rejection.CommandRejected;
import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.tagging.Change;
import io.tagprocessor.tagging.CommandContext;
import io.tagprocessor.tagging.EntityKey;
import io.tagprocessor.tagging.TagName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The rows one command's changes become: which topic, key, event id and payload, and the state companion. */
class OutboxRecordsTest {

    private static final UUID COMMAND = UUID.fromString("6b1f0c1e-3a52-4d8e-9a43-0f4c2b7d9e11");
    private static final Instant APPLIED = Instant.parse("2026-12-01T10:00:00Z");
    private static final CommandContext CONTEXT =
            new CommandContext(COMMAND, APPLIED.minusSeconds(1), "alice", "crm", APPLIED);
    private static final EntityKey ORDER = new EntityKey("order", "42");

    private record Encoded(String topic, SpecificRecord record) {}

    private final List<Encoded> encoded = new ArrayList<>();
    private final OutboxRecords records = new OutboxRecords(defaults(), (topic, record) -> {
        encoded.add(new Encoded(topic, record));
        return ("#" + (encoded.size() - 1)).getBytes(StandardCharsets.UTF_8);
    });

    @Test
    void anEntityChangeIsAnEventWithTheEntitysStateAsItsCompanion() {
        Change change = new Change.EntityTagsChanged(ORDER, List.of("Gold"), List.of(), List.of("Gold", "VIP"), 4);

        OutboxRow row = records.forChanges(CONTEXT, List.of(change)).get(0);

        assertThat(row.topic()).isEqualTo("tag-events");
        assertThat(new String(row.recordKey(), StandardCharsets.UTF_8)).isEqualTo("order:42");
        assertThat(row.eventType()).isEqualTo("EntityTagsChanged");
        assertThat(row.causationId()).isEqualTo(COMMAND.toString());
        assertThat(row.eventId()).isEqualTo(EventIds.of(COMMAND, "EntityTagsChanged", "order:42"));
        TagEvent event = (TagEvent) decoded(row.payload());
        assertThat(event.getEventId()).isEqualTo(row.eventId());
        assertThat(event.getCausationId()).isEqualTo(COMMAND);
        assertThat(event.getOccurredAt()).isEqualTo(APPLIED);
        assertThat(event.getPayload())
                .isEqualTo(
                        new EntityTagsChanged("order", "42", List.of("Gold"), List.of(), List.of("Gold", "VIP"), 4L));
        assertThat(row.companion().topic()).isEqualTo("tag-entity-state");
        assertThat(row.companion().eventType()).isEqualTo("EntityTagState");
        assertThat(decoded(row.companion().payload()))
                .isEqualTo(new EntityTagState("order", "42", List.of("Gold", "VIP"), 4L, APPLIED));
        assertThat(encoded).extracting(Encoded::topic).containsExactly("tag-events", "tag-entity-state");
    }

    @Test
    void anEntityLeftWithoutTagsAndADeletedEntityGetATombstoneAsState() {
        List<OutboxRow> rows = records.forChanges(
                CONTEXT,
                List.of(
                        new Change.EntityTagsChanged(ORDER, List.of(), List.of("VIP"), List.of(), 5),
                        new Change.EntityDeleted(new EntityKey("order", "43"), List.of("VIP"), 2)));

        assertThat(rows).allSatisfy(row -> {
            assertThat(row.companion().topic()).isEqualTo("tag-entity-state");
            assertThat(row.companion().payload()).isNull();
        });
        assertThat(rows).extracting(OutboxRow::eventType).containsExactly("EntityTagsChanged", "EntityDeletedEvent");
    }

    @Test
    void aTagChangeIsKeyedByTheTagsStableEventKeyAndHasNoCompanion() {
        Change renamed = new Change.TagRenamed(TagName.parse("VIP"), TagName.parse("V.I.P."), 3, "tag:very-important");

        OutboxRow row = records.forChanges(CONTEXT, List.of(renamed)).get(0);

        assertThat(new String(row.recordKey(), StandardCharsets.UTF_8)).isEqualTo("tag:very-important");
        assertThat(row.companion()).isNull();
        assertThat(((TagEvent) decoded(row.payload())).getPayload())
                .isEqualTo(new TagRenamedEvent("VIP", "V.I.P.", 3L));
    }

    @Test
    void eventIdsAreTheSameOnEveryRunAndDifferPerTypeAndSubject() {
        List<Change> changes = List.of(
                new Change.TagDefined(TagName.parse("Gold"), null, null, true, "tag:gold"),
                new Change.EntityTagsChanged(ORDER, List.of("Gold"), List.of(), List.of("Gold"), 1));

        List<UUID> first = records.forChanges(CONTEXT, changes).stream()
                .map(OutboxRow::eventId)
                .toList();
        List<UUID> again = records.forChanges(CONTEXT, changes).stream()
                .map(OutboxRow::eventId)
                .toList();

        assertThat(again).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void twoEventsOfOneTypeAboutOneSubjectFailTheCommandRatherThanShareAnId() {
        Change change = new Change.EntityTagsChanged(ORDER, List.of("Gold"), List.of(), List.of("Gold"), 1);

        assertThatThrownBy(() -> records.forChanges(CONTEXT, List.of(change, change)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two EntityTagsChanged events about order:42");
    }

    @Test
    void aRejectionAndADeadLetterTakeIdsFromWhatTheyAreClaimedUnder() {
        CommandRejected rejected = new CommandRejected(
                COMMAND.toString(), "TAG_NOT_FOUND", "no tag named 'x'", "crm", "tag-commands", 0, 7L, APPLIED);

        OutboxRow rejection = records.rejection(new byte[] {1}, rejected, "claim-1");
        OutboxRow letter = records.deadLetter(new DeadLetter(
                "tag-commands/0/8/1", new byte[] {2}, new byte[] {3}, Map.of("dlt_original_offset", "8")));

        assertThat(rejection.topic()).isEqualTo("tag-command-rejections");
        assertThat(rejection.eventId())
                .isEqualTo(
                        records.rejection(new byte[] {1}, rejected, "claim-1").eventId());
        assertThat(rejection.eventId())
                .isNotEqualTo(
                        records.rejection(new byte[] {1}, rejected, "claim-2").eventId());
        assertThat(decoded(rejection.payload())).isEqualTo(rejected);
        assertThat(letter.topic()).isEqualTo("tag-commands.DLT");
        assertThat(letter.payload()).containsExactly(3);
        assertThat(letter.recordKey()).containsExactly(2);
        assertThat(letter.extraHeaders()).containsEntry("dlt_original_offset", "8");
        assertThat(letter.eventId()).isNotEqualTo(rejection.eventId());
    }

    private SpecificRecord decoded(byte[] payload) {
        return encoded.get(Integer.parseInt(new String(payload, StandardCharsets.UTF_8).substring(1)))
                .record();
    }

    private static TagProcessorProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("tag-processor", TagProcessorProperties.class);
    }
}
