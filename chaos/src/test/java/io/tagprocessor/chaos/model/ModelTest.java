package io.tagprocessor.chaos.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.avro.command.EntityDeleted;
import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagDeleted;
import io.tagprocessor.avro.command.TagRenamed;
import io.tagprocessor.avro.command.TagUnassigned;
import io.tagprocessor.chaos.workload.Garbage;
import io.tagprocessor.chaos.workload.Planned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The oracle against cases worked out by hand from the README's rules: each test states the log and
 * what must become of every record, the tags and the entities.
 */
class ModelTest {

    private final List<LoggedRecord> log = new ArrayList<>();
    private long offset;

    @Test
    void assigningAnUnknownTagCreatesItAndStartsTheEntityAtVersionOne() {
        TagCommand assign = send(new TagAssigned("doc", "1", "Kafka"));

        Model model = Model.replay(log);

        assertThat(outcomeOf(model, assign)).isEqualTo(Expected.APPLIED);
        assertThat(model.tags()).containsOnlyKeys("kafka");
        assertThat(model.tags().get("kafka").display()).isEqualTo("Kafka");
        EntityModel doc = model.entities().get("doc:1");
        assertThat(doc.version()).isEqualTo(1);
        assertThat(doc.assignments()).containsExactly(java.util.Map.entry("kafka", "Kafka|" + idOf(assign)));
        assertThat(doc.at(1)).isEqualTo(new Snapshot(1, Set.of("Kafka"), idOf(assign), false));
        assertThat(model.applied(idOf(assign))).isTrue();
    }

    @Test
    void aChangeThatChangesNothingHasNoEffectAndKeepsTheVersion() {
        send(new TagAssigned("doc", "1", "Kafka"));
        TagCommand again = send(new TagAssigned("doc", "1", "KAFKA "));
        TagCommand absent = send(new TagUnassigned("doc", "1", "Avro"));

        Model model = Model.replay(log);

        assertThat(outcomeOf(model, again)).isEqualTo(Expected.NO_EFFECT);
        assertThat(outcomeOf(model, absent)).isEqualTo(Expected.NO_EFFECT);
        assertThat(model.entities().get("doc:1").version()).isEqualTo(1);
        assertThat(model.tags()).containsOnlyKeys("kafka");
    }

    @Test
    void aRedeliveredCommandIsADuplicateWithoutAClaimOfItsOwn() {
        TagCommand assign = send(new TagAssigned("doc", "1", "Kafka"));
        resend(assign);
        TagCommand unassign = send(new TagUnassigned("doc", "1", "Kafka"));
        resend(unassign);

        Model model = Model.replay(log);

        assertThat(model.outcomes())
                .extracting(Expected::outcome)
                .containsExactly(Expected.APPLIED, Expected.DUPLICATE, Expected.APPLIED, Expected.DUPLICATE);
        assertThat(model.claims()).containsOnlyKeys(idOf(assign), idOf(unassign));
        assertThat(model.entities().get("doc:1").version()).isEqualTo(2);
    }

    @Test
    void replacingKeepsTheTagsWantedAndAddsAndRemovesTheRestInOneVersion() {
        send(new TagAssigned("doc", "1", "a"));
        send(new TagAssigned("doc", "1", "b"));
        TagCommand replace = send(new EntityTagsReplaced("doc", "1", List.of("B", "c", "c")));

        Model model = Model.replay(log);

        assertThat(outcomeOf(model, replace)).isEqualTo(Expected.APPLIED);
        EntityModel doc = model.entities().get("doc:1");
        assertThat(doc.version()).isEqualTo(3);
        // b keeps the spelling it was created with; the tag a loses its last carrier but stays defined
        assertThat(doc.displayNames()).containsExactly("b", "c");
        assertThat(model.tags()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void namesAreTrimmedComposedAndComparedWithoutCase() {
        TagCommand decomposed = send(new TagAssigned("doc", "1", "  Cafe\u0301 "));
        TagCommand upper = send(new TagAssigned("doc", "1", "CAFÉ"));

        Model model = Model.replay(log);

        assertThat(outcomeOf(model, decomposed)).isEqualTo(Expected.APPLIED);
        assertThat(outcomeOf(model, upper)).isEqualTo(Expected.NO_EFFECT);
        assertThat(model.tags()).containsOnlyKeys("café");
        assertThat(model.tags().get("café").display()).isEqualTo("Café");
    }

    @Test
    void theHundredAndFirstTagIsRefusedAndChangesNothing() {
        for (int i = 0; i < 100; i++) {
            send(new TagAssigned("doc", "1", "t" + i));
        }
        TagCommand oneTooMany = send(new TagAssigned("doc", "1", "t100"));

        Model model = Model.replay(log);

        Expected refused = model.claims().get(idOf(oneTooMany));
        assertThat(refused.outcome()).isEqualTo(Expected.REJECTED);
        assertThat(refused.reason()).isEqualTo("TOO_MANY_TAGS");
        assertThat(model.entities().get("doc:1").version()).isEqualTo(100);
        assertThat(model.tags()).doesNotContainKey("t100");
    }

    @Test
    void deletingAnEntityEmptiesItOnceAndThenHasNoEffect() {
        send(new TagAssigned("doc", "1", "Kafka"));
        TagCommand delete = send(new EntityDeleted("doc", "1"));
        TagCommand deleteAgain = send(new EntityDeleted("doc", "1"));

        Model model = Model.replay(log);

        assertThat(outcomeOf(model, delete)).isEqualTo(Expected.APPLIED);
        assertThat(outcomeOf(model, deleteAgain)).isEqualTo(Expected.NO_EFFECT);
        EntityModel doc = model.entities().get("doc:1");
        assertThat(doc.at(2)).isEqualTo(new Snapshot(2, Set.of(), idOf(delete), true));
        assertThat(doc.assignments()).isEmpty();
    }

    @Test
    void renamingMovesEveryCarrierOnVersionAndKeepsTheAssignments() {
        TagCommand assign = send(new TagAssigned("doc", "1", "kafka"));
        send(new TagAssigned("doc", "2", "Kafka"));
        send(new TagAssigned("doc", "3", "other"));
        TagCommand rename = send(new TagRenamed("KAFKA", "Apache Kafka"));

        Model model = Model.replay(log);

        assertThat(outcomeOf(model, rename)).isEqualTo(Expected.APPLIED);
        assertThat(model.appliedTagCommands()).containsExactly(idOf(rename));
        assertThat(model.tags()).containsOnlyKeys("apache kafka", "other");
        assertThat(model.entities().get("doc:1").at(2))
                .isEqualTo(new Snapshot(2, Set.of("Apache Kafka"), idOf(rename), false));
        assertThat(model.entities().get("doc:1").assignments())
                .containsEntry("apache kafka", "Apache Kafka|" + idOf(assign));
        assertThat(model.entities().get("doc:2").version()).isEqualTo(2);
        assertThat(model.entities().get("doc:3").version()).isEqualTo(1);
    }

    @Test
    void aRenameIsRefusedOrWithoutEffectByTheRulesOfNames() {
        send(new TagAssigned("doc", "1", "kafka"));
        send(new TagAssigned("doc", "1", "avro"));
        TagCommand unknown = send(new TagRenamed("nope", "still-nope"));
        TagCommand taken = send(new TagRenamed("kafka", "AVRO"));
        TagCommand same = send(new TagRenamed("Kafka", "kafka"));
        TagCommand respelled = send(new TagRenamed("kafka", "Kafka"));

        Model model = Model.replay(log);

        assertThat(model.claims().get(idOf(unknown)).reason()).isEqualTo("TAG_NOT_FOUND");
        assertThat(model.claims().get(idOf(taken)).reason()).isEqualTo("TAG_NAME_TAKEN");
        assertThat(outcomeOf(model, same)).isEqualTo(Expected.NO_EFFECT);
        assertThat(outcomeOf(model, respelled)).isEqualTo(Expected.APPLIED);
        assertThat(model.tags().get("kafka").display()).isEqualTo("Kafka");
        assertThat(model.entities().get("doc:1").version()).isEqualTo(3);
    }

    @Test
    void deletingATagTakesItFromEveryCarrierAndAnUnknownOneHasNoEffect() {
        send(new TagAssigned("doc", "1", "Kafka"));
        send(new TagAssigned("doc", "1", "Avro"));
        send(new TagAssigned("doc", "2", "Kafka"));
        TagCommand delete = send(new TagDeleted("kafka"));
        TagCommand unknown = send(new TagDeleted("kafka"));

        Model model = Model.replay(log);

        assertThat(outcomeOf(model, delete)).isEqualTo(Expected.APPLIED);
        assertThat(outcomeOf(model, unknown)).isEqualTo(Expected.NO_EFFECT);
        assertThat(model.tags()).containsOnlyKeys("avro");
        assertThat(model.entities().get("doc:1").displayNames()).containsExactly("Avro");
        assertThat(model.entities().get("doc:1").version()).isEqualTo(3);
        assertThat(model.entities().get("doc:2").at(2)).isEqualTo(new Snapshot(2, Set.of(), idOf(delete), false));
    }

    @Test
    void definingATagCreatesOrUpdatesItAndARepeatHasNoEffect() {
        TagCommand create = send(new TagDefined("Kafka", "a log", "#112233"));
        TagCommand repeat = send(new TagDefined("kafka", "a log", "#112233"));
        TagCommand recolor = send(new TagDefined("KAFKA", "a log", "#445566"));

        Model model = Model.replay(log);

        assertThat(model.outcomes())
                .extracting(Expected::outcome)
                .containsExactly(Expected.APPLIED, Expected.NO_EFFECT, Expected.APPLIED);
        TagModel kafka = model.tags().get("kafka");
        assertThat(kafka.display()).isEqualTo("Kafka");
        assertThat(kafka.color()).isEqualTo("#445566");
        assertThat(model.appliedTagCommands()).containsExactlyInAnyOrder(idOf(create), idOf(recolor));
        assertThat(model.applied(idOf(repeat))).isFalse();
    }

    @Test
    void aDeliberatelyInvalidCommandIsRefusedWithItsReasonAndChangesNothing() {
        TagCommand invalid = new TagCommand(
                UUID.randomUUID(), Instant.EPOCH, "model-test", "chaos", null, new TagAssigned("doc", "1", "a;b"));
        log.add(record(0, new Planned(log.size(), 0, "doc:1", invalid, null, "INVALID_TAG_NAME", false)));

        Model model = Model.replay(log);

        assertThat(model.claims().get(idOf(invalid)))
                .isEqualTo(new Expected(idOf(invalid), Expected.REJECTED, "INVALID_TAG_NAME", 0, 0));
        assertThat(model.entities()).isEmpty();
    }

    @Test
    void garbageIsDeadLetteredUnderItsPositionInTheTopic() {
        log.add(new LoggedRecord(
                2, 7, 1_000, new byte[] {1}, new Planned(0, 0, "x", null, Garbage.RANDOM_BYTES, null, false)));

        Model model = Model.replay(log);

        assertThat(model.claims())
                .containsOnlyKeys("tag-commands/2/7/1000")
                .containsValue(new Expected("tag-commands/2/7/1000", Expected.DEAD_LETTERED, null, 2, 7));
    }

    @Test
    void recordsAreReplayedByPhaseThenPartitionThenOffsetWhateverTheOrderRead() {
        TagCommand unassign = command(new TagUnassigned("doc", "1", "Kafka"));
        TagCommand assign = command(new TagAssigned("doc", "1", "Kafka"));
        TagCommand later = command(new TagAssigned("doc", "2", "Kafka"));
        log.add(new LoggedRecord(0, 1, 0, null, new Planned(0, 0, "doc:1", unassign, null, null, false)));
        log.add(new LoggedRecord(5, 0, 0, null, new Planned(1, 1, "doc:2", later, null, null, false)));
        log.add(new LoggedRecord(0, 0, 0, null, new Planned(2, 0, "doc:1", assign, null, null, false)));

        Model model = Model.replay(log);

        assertThat(model.outcomes())
                .extracting(Expected::claimKey)
                .containsExactly(idOf(assign), idOf(unassign), idOf(later));
        assertThat(model.entities().get("doc:1").version()).isEqualTo(2);
    }

    /** Appends a new command to partition 0 of phase 0. */
    private TagCommand send(Object payload) {
        TagCommand command = command(payload);
        log.add(record(0, new Planned(log.size(), 0, null, command, null, null, false)));
        return command;
    }

    /** Appends the same command (same id) again, as a producer retry would. */
    private void resend(TagCommand command) {
        log.add(record(0, new Planned(log.size(), 0, null, command, null, null, true)));
    }

    private LoggedRecord record(int partition, Planned planned) {
        return new LoggedRecord(partition, offset++, 0, null, planned);
    }

    private static TagCommand command(Object payload) {
        return new TagCommand(UUID.randomUUID(), Instant.EPOCH, "model-test", "chaos", null, payload);
    }

    private static String idOf(TagCommand command) {
        return command.getCommandId().toString();
    }

    private static String outcomeOf(Model model, TagCommand command) {
        return model.claims().get(idOf(command)).outcome();
    }
}
