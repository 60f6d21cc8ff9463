package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingEntityTest {

    private static final EntityKey ENTITY = new EntityKey("article", "a-1");

    @Test
    void aRenameShowsTheNewNameAndMovesTheAssignment() {
        PendingEntity pending =
                PendingEntity.of(ENTITY, 4, List.of(tag(1, "Red"), tag(2, "blue")), jobs(rename(10, 1, 5, "Crimson")));

        assertThat(pending.steps())
                .singleElement()
                .satisfies(step -> assertThat(step.change())
                        .isEqualTo(new Change.EntityTagsChanged(
                                ENTITY, List.of("Crimson"), List.of("Red"), List.of("blue", "Crimson"), 5)));
        assertThat(pending.moves()).containsExactly(Map.entry(1L, 5L));
        assertThat(pending.removals()).isEmpty();
        assertThat(pending.version()).isEqualTo(5);
    }

    @Test
    void everyJobOfEveryChainAppliesInJobOrderEachWithTheNamesOfItsTime() {
        // tag 1 "Red" renamed to "Crimson" (row 5, job 10), tag 2 "blue" deleted (job 11),
        // then "Crimson" renamed to "Ruby" (row 6, job 12)
        PendingEntity pending = PendingEntity.of(
                ENTITY,
                7,
                List.of(tag(1, "Red"), tag(2, "blue"), tag(3, "green")),
                jobs(rename(10, 1, 5, "Crimson"), delete(11, 2, "blue"), rename(12, 5, 6, "Ruby")));

        assertThat(pending.steps().stream().map(PendingEntity.Step::change).toList())
                .containsExactly(
                        new Change.EntityTagsChanged(
                                ENTITY, List.of("Crimson"), List.of("Red"), List.of("blue", "Crimson", "green"), 8),
                        new Change.EntityTagsChanged(
                                ENTITY, List.of(), List.of("blue"), List.of("Crimson", "green"), 9),
                        new Change.EntityTagsChanged(
                                ENTITY, List.of("Ruby"), List.of("Crimson"), List.of("green", "Ruby"), 10));
        assertThat(pending.steps().stream().map(step -> step.job().id()).toList())
                .containsExactly(10L, 11L, 12L);
        assertThat(pending.moves()).containsExactly(Map.entry(1L, 6L));
        assertThat(pending.removals()).containsExactly(2L);
        assertThat(pending.version()).isEqualTo(10);
    }

    @Test
    void aTagRenamedThenDeletedIsRemovedAfterItsRename() {
        PendingEntity pending = PendingEntity.of(
                ENTITY, 1, List.of(tag(1, "Red")), jobs(rename(10, 1, 5, "Crimson"), delete(11, 5, "Crimson")));

        assertThat(pending.steps().stream().map(PendingEntity.Step::change).toList())
                .containsExactly(
                        new Change.EntityTagsChanged(ENTITY, List.of("Crimson"), List.of("Red"), List.of("Crimson"), 2),
                        new Change.EntityTagsChanged(ENTITY, List.of(), List.of("Crimson"), List.of(), 3));
        assertThat(pending.moves()).isEmpty();
        assertThat(pending.removals()).containsExactly(1L);
    }

    @Test
    void anEntityWithoutRetiredTagsOwesNothing() {
        PendingEntity pending = PendingEntity.of(ENTITY, 3, List.of(tag(2, "blue")), jobs(rename(10, 1, 5, "Crimson")));

        assertThat(pending.owesNothing()).isTrue();
        assertThat(pending.version()).isEqualTo(3);
        assertThat(pending.moves()).isEmpty();
    }

    @Test
    void aCaseOnlyRenameReplacesTheSpellingUnderTheSameName() {
        PendingEntity pending = PendingEntity.of(ENTITY, 1, List.of(tag(7, "red")), jobs(rename(10, 7, 8, "Red")));

        assertThat(pending.steps().get(0).change())
                .isEqualTo(new Change.EntityTagsChanged(ENTITY, List.of("Red"), List.of("red"), List.of("Red"), 2));
    }

    private static TagRow tag(long id, String display) {
        return new TagRow(id, display.toLowerCase(), display, null, null, "tag:" + display.toLowerCase());
    }

    private static FanoutJobRow rename(long job, long from, long to, String newDisplay) {
        return new FanoutJobRow(
                job,
                from,
                to,
                null,
                null,
                newDisplay.toLowerCase(),
                newDisplay,
                UUID.randomUUID(),
                "alice",
                "cms",
                Instant.EPOCH,
                1);
    }

    private static FanoutJobRow delete(long job, long tag, String display) {
        return new FanoutJobRow(
                job,
                tag,
                null,
                display.toLowerCase(),
                display,
                null,
                null,
                UUID.randomUUID(),
                "alice",
                "cms",
                Instant.EPOCH,
                1);
    }

    /** Jobs by retired row; the old names are those of the rows they retire. */
    private static Map<Long, FanoutJobRow> jobs(FanoutJobRow... jobs) {
        Map<Long, String> names = new HashMap<>(Map.of(1L, "Red", 2L, "blue", 5L, "Crimson", 6L, "Ruby", 7L, "red"));
        Map<Long, FanoutJobRow> byTag = new HashMap<>();
        for (FanoutJobRow job : jobs) {
            String old = names.get(job.tagId());
            byTag.put(
                    job.tagId(),
                    new FanoutJobRow(
                            job.id(),
                            job.tagId(),
                            job.successorId(),
                            old.toLowerCase(),
                            old,
                            job.newNormalized(),
                            job.newDisplay(),
                            job.commandId(),
                            job.issuedBy(),
                            job.source(),
                            job.appliedAt(),
                            job.entityCount()));
        }
        return byTag;
    }
}
