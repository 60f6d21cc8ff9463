package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One entity's commands applied in memory: the changes they report and the rows left to write. */
class EntityWorkTest {

    private static final EntityKey ORDER = new EntityKey("order", "42");
    private static final EntityRow ORDER_ROW = new EntityRow("order", "42");
    private static final Audit FIRST =
            new Audit("alice", Instant.parse("2026-12-01T10:00:00Z"), "crm", UUID.randomUUID());
    private static final Audit SECOND =
            new Audit("bob", Instant.parse("2026-12-01T10:00:01Z"), "crm", UUID.randomUUID());
    private static final TagRow VIP = new TagRow(7, "vip", "VIP", null, null, "tag:vip");
    private static final TagRow GOLD = new TagRow(8, "gold", "Gold", null, null, "tag:gold");

    private final TagBook book = new TagBook(Map.of("vip", VIP, "gold", GOLD));

    @Test
    void assigningAStoredTagBumpsTheVersionOnceAndReportsTheFullSet() {
        EntityWork work = new EntityWork(ORDER, 3, List.of(VIP));

        Outcome outcome = work.apply(new Command.Assign(ORDER, TagName.parse("gold")), FIRST, book);

        assertThat(changes(outcome))
                .containsExactly(
                        new Change.EntityTagsChanged(ORDER, List.of("Gold"), List.of(), List.of("Gold", "VIP"), 4));
        Writes writes = writes(work, Map.of());
        assertThat(writes.versions).containsExactly(Map.entry(ORDER_ROW, 4L));
        assertThat(writes.additions).containsExactly(new AssignmentRow(ORDER_ROW, 8, FIRST));
        assertThat(writes.removals).isEmpty();
        assertThat(work.loadedVersion()).isEqualTo(3);
    }

    @Test
    void assigningACarriedTagOrRemovingAnAbsentOneHasNoEffectAndWritesNothing() {
        EntityWork work = new EntityWork(ORDER, 3, List.of(VIP));

        assertThat(work.apply(new Command.Assign(ORDER, TagName.parse("Vip")), FIRST, book))
                .isInstanceOf(Outcome.NoEffect.class);
        assertThat(work.apply(new Command.Unassign(ORDER, TagName.parse("gold")), FIRST, book))
                .isInstanceOf(Outcome.NoEffect.class);

        Writes writes = writes(work, Map.of());
        assertThat(writes.versions).isEmpty();
        assertThat(writes.additions).isEmpty();
        assertThat(writes.removals).isEmpty();
    }

    @Test
    void aTagAddedThenRemovedInOneBatchLeavesNoAssignmentButBothVersions() {
        EntityWork work = new EntityWork(ORDER, 0, List.of());

        work.apply(new Command.Assign(ORDER, TagName.parse("gold")), FIRST, book);
        Outcome removed = work.apply(new Command.Unassign(ORDER, TagName.parse("GOLD")), SECOND, book);

        assertThat(changes(removed))
                .containsExactly(new Change.EntityTagsChanged(ORDER, List.of(), List.of("Gold"), List.of(), 2));
        Writes writes = writes(work, Map.of());
        assertThat(writes.versions).containsExactly(Map.entry(ORDER_ROW, 2L));
        assertThat(writes.additions).isEmpty();
        assertThat(writes.removals).isEmpty();
    }

    @Test
    void aStoredTagRemovedAndAddedAgainIsRewrittenWithTheLaterAudit() {
        EntityWork work = new EntityWork(ORDER, 5, List.of(VIP));

        work.apply(new Command.Unassign(ORDER, TagName.parse("vip")), FIRST, book);
        work.apply(new Command.Assign(ORDER, TagName.parse("vip")), SECOND, book);

        Writes writes = writes(work, Map.of());
        assertThat(writes.versions).containsExactly(Map.entry(ORDER_ROW, 7L));
        assertThat(writes.removals).containsExactly(new AssignmentRow(ORDER_ROW, 7, null));
        assertThat(writes.additions).containsExactly(new AssignmentRow(ORDER_ROW, 7, SECOND));
    }

    @Test
    void anUnknownTagIsCreatedOnceAndItsAssignmentTakesTheIdTheInsertGave() {
        EntityWork work = new EntityWork(ORDER, 0, List.of());

        Outcome outcome = work.apply(new Command.Assign(ORDER, TagName.parse("Blue Sky")), FIRST, book);

        assertThat(changes(outcome))
                .containsExactly(
                        new Change.TagDefined(TagName.parse("Blue Sky"), null, null, true, "tag:blue sky"),
                        new Change.EntityTagsChanged(ORDER, List.of("Blue Sky"), List.of(), List.of("Blue Sky"), 1));
        TagRow inserted = new TagRow(99, "blue sky", "Blue Sky", null, null, "tag:blue sky");
        assertThat(writes(work, Map.of("blue sky", inserted)).additions)
                .containsExactly(new AssignmentRow(ORDER_ROW, 99, FIRST));
    }

    @Test
    void replacingTheSetReportsAdditionsAndRemovalsInOneVersion() {
        EntityWork work = new EntityWork(ORDER, 1, List.of(VIP));

        Outcome outcome = work.apply(new Command.ReplaceTags(ORDER, Set.of(TagName.parse("gold"))), FIRST, book);

        assertThat(changes(outcome))
                .containsExactly(
                        new Change.EntityTagsChanged(ORDER, List.of("Gold"), List.of("VIP"), List.of("Gold"), 2));
        Writes writes = writes(work, Map.of());
        assertThat(writes.removals).containsExactly(new AssignmentRow(ORDER_ROW, 7, null));
        assertThat(writes.additions).containsExactly(new AssignmentRow(ORDER_ROW, 8, FIRST));
    }

    @Test
    void deletingRemovesEveryTagInOneVersionAndAgainHasNoEffect() {
        EntityWork work = new EntityWork(ORDER, 2, List.of(VIP, GOLD));

        Outcome deleted = work.apply(new Command.DeleteEntity(ORDER), FIRST, book);
        Outcome again = work.apply(new Command.DeleteEntity(ORDER), SECOND, book);

        assertThat(changes(deleted)).containsExactly(new Change.EntityDeleted(ORDER, List.of("Gold", "VIP"), 3));
        assertThat(again).isInstanceOf(Outcome.NoEffect.class);
        Writes writes = writes(work, Map.of());
        assertThat(writes.versions).containsExactly(Map.entry(ORDER_ROW, 3L));
        assertThat(writes.removals)
                .containsExactlyInAnyOrder(
                        new AssignmentRow(ORDER_ROW, 7, null), new AssignmentRow(ORDER_ROW, 8, null));
    }

    @Test
    void aSetLargerThanTheLimitIsRefusedAndChangesNothing() {
        List<TagRow> full = IntStream.range(0, Command.MAX_TAGS_PER_ENTITY)
                .mapToObj(i -> new TagRow(1000 + i, "t" + i, "t" + i, null, null, "tag:t" + i))
                .toList();
        EntityWork work = new EntityWork(ORDER, 1, full);

        Outcome outcome = work.apply(new Command.Assign(ORDER, TagName.parse("gold")), FIRST, book);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(RejectionReason.TOO_MANY_TAGS));
        Writes writes = writes(work, Map.of());
        assertThat(writes.versions).isEmpty();
        assertThat(writes.additions).isEmpty();
    }

    private static List<Change> changes(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return ((Outcome.Applied) outcome).changes();
    }

    private record Writes(Map<EntityRow, Long> versions, List<AssignmentRow> removals, List<AssignmentRow> additions) {}

    private static Writes writes(EntityWork work, Map<String, TagRow> inserted) {
        Writes writes = new Writes(new HashMap<>(), new ArrayList<>(), new ArrayList<>());
        work.collectWrites(inserted, writes.versions, writes.removals, writes.additions);
        return writes;
    }
}
