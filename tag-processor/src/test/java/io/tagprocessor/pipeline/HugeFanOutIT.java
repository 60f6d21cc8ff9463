package io.tagprocessor.pipeline;

import static io.tagprocessor.pipeline.Commands.assign;
import static io.tagprocessor.pipeline.Commands.deleteTag;
import static io.tagprocessor.pipeline.Commands.rename;
import static io.tagprocessor.pipeline.FanoutFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagDeletedEvent;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.event.TagRenamedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11 item 4: renaming and deleting a tag carried by 20,000 entities. The command itself only
 * retires the tag and records a job; the entities change in chunks of 1,000 (one transaction each),
 * each exactly once with the next version and the command's event id; an entity command applied
 * after the rename sees it first (its event follows, version-wise), even where the chunks have not
 * reached that entity; other batches go on meanwhile. The test holds the runner's advisory lock
 * where it needs the fan-out to wait.
 */
class HugeFanOutIT extends PipelineTestSupport {

    private static final int ENTITIES = 20_000;
    private static final int CHUNK_SIZE = 1_000;
    private static final Duration FANOUT_TIMEOUT = Duration.ofMinutes(5);

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    private TopicProbe events;

    @Test
    void renameAndDeleteOfTwentyThousandEntitiesRunInChunksInOrderExactlyOnce() throws Exception {
        events = probe(properties.topics().events());
        String type = unique("fan").toLowerCase();
        String tag = unique("Huge");
        String renamed = tag + "-renamed";
        String kept = unique("kept");
        FanoutFixture.seed(jdbc, type, ENTITIES, List.of(tag, kept));
        double chunksBefore = chunkTimer().count();

        Commands.Keyed renaming = rename(tag, renamed);
        Commands.Keyed lastBehind = assign(type, id(ENTITIES), unique("behind"));
        Commands.Keyed middleBehind = assign(type, id(ENTITIES / 2), unique("middle"));
        try (FanoutFixture.RunnerHold hold = new FanoutFixture.RunnerHold(dataSource)) {
            send(renaming);
            awaitOutcome(renaming, "APPLIED");
            assertThat(FanoutFixture.entitiesAtVersion(jdbc, type, 1))
                    .as("the rename's own transaction changed no entity")
                    .isEqualTo(ENTITIES);
            send(lastBehind);
            awaitOutcome(lastBehind, "APPLIED");
            assertThat(FanoutFixture.pending(jdbc, renaming.id())).isTrue();
        }
        send(middleBehind);
        List<Commands.Keyed> others = IntStream.range(0, 10)
                .mapToObj(i -> assign(unique("other"), "o", unique("o")))
                .toList();
        send(others.toArray(Commands.Keyed[]::new));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> others.stream().allMatch(c -> "APPLIED".equals(outcomeOf(c.id()))));
        assertThat(FanoutFixture.pending(jdbc, renaming.id()))
                .as("other batches were applied while the fan-out ran, not after it")
                .isTrue();

        await().atMost(FANOUT_TIMEOUT).until(() -> !FanoutFixture.pending(jdbc, renaming.id()));
        Map<String, List<EntityTagsChanged>> renames = awaitChanges(renaming.id());
        assertThat(renames.values())
                .allSatisfy(changes -> assertThat(changes).singleElement().satisfies(change -> {
                    assertThat(change.getVersion()).isEqualTo(2);
                    assertThat(change.getAdded()).containsExactly(renamed);
                    assertThat(change.getRemoved()).containsExactly(tag);
                    assertThat(change.getTags()).containsExactlyInAnyOrder(renamed, kept);
                }));
        assertThat(versionsOf(type, id(ENTITIES))).containsExactly(2L, 3L);
        assertThat(versionsOf(type, id(ENTITIES / 2))).containsExactly(2L, 3L);
        assertThat(FanoutFixture.entitiesAtVersion(jdbc, type, 2)).isEqualTo(ENTITIES - 2);
        assertThat(tagEvent(renaming.id(), TagRenamedEvent.class).getAffectedEntities())
                .isEqualTo(ENTITIES);
        assertThat(chunkTimer().count() - chunksBefore)
                .as("chunks of at most %d entities", CHUNK_SIZE)
                .isGreaterThanOrEqualTo(ENTITIES / CHUNK_SIZE - 1);

        Commands.Keyed deleting = deleteTag(renamed);
        Commands.Keyed reassigned = assign(type, id(1), renamed);
        try (FanoutFixture.RunnerHold hold = new FanoutFixture.RunnerHold(dataSource)) {
            send(deleting);
            awaitOutcome(deleting, "APPLIED");
            send(reassigned);
            awaitOutcome(reassigned, "APPLIED");
        }
        await().atMost(FANOUT_TIMEOUT).until(() -> !FanoutFixture.pending(jdbc, deleting.id()));
        Map<String, List<EntityTagsChanged>> deletes = awaitChanges(deleting.id());
        assertThat(deletes.get(type + ":" + id(1))).singleElement().satisfies(change -> {
            assertThat(change.getVersion()).isEqualTo(3);
            assertThat(change.getTags()).containsExactly(kept);
        });
        assertThat(versionsOf(type, id(1))).containsExactly(2L, 3L, 4L);
        assertThat(lastChange(type, id(1)).getTags())
                .as("the name assigned after the delete is a new tag")
                .containsExactlyInAnyOrder(kept, renamed);
        assertThat(tagEvent(deleting.id(), TagDeletedEvent.class).getAffectedEntities())
                .isEqualTo(ENTITIES);
        assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE retired")
                        .query(Long.class)
                        .single())
                .as("retired rows go with their jobs")
                .isZero();
        Timer pause = meters.find("tag_processor.tag_structure.exclusive").timer();
        System.out.printf(
                "fanout: entities=%d chunks=%d chunk_max_ms=%.0f exclusive_max_ms=%.0f%n",
                ENTITIES,
                (long) (chunkTimer().count() - chunksBefore),
                chunkTimer().max(TimeUnit.MILLISECONDS),
                pause.max(TimeUnit.MILLISECONDS));
    }

    @Test
    void aRenameAndADeleteOfTheSameTagWhileBothArePendingApplyInOrder() throws Exception {
        events = probe(properties.topics().events());
        String type = unique("chain").toLowerCase();
        String tag = unique("Chain");
        FanoutFixture.seed(jdbc, type, 30, List.of(tag));
        Commands.Keyed renaming = rename(tag, tag + "-b");
        Commands.Keyed deleting = deleteTag(tag + "-b");
        try (FanoutFixture.RunnerHold hold = new FanoutFixture.RunnerHold(dataSource)) {
            send(renaming);
            awaitOutcome(renaming, "APPLIED");
            send(deleting);
            awaitOutcome(deleting, "APPLIED");
            send(assign(type, id(7), tag));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> versionsOf(type, id(7)).size() == 3);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !FanoutFixture.pending(jdbc, deleting.id()));
        for (int n = 1; n <= 30; n++) {
            String entity = id(n);
            List<EntityTagsChanged> changes =
                    await().atMost(Duration.ofSeconds(60)).until(() -> changesOf(type, entity), c -> c.size() >= 2);
            assertThat(changes.subList(0, 2))
                    .extracting(
                            EntityTagsChanged::getVersion,
                            c -> List.copyOf(c.getRemoved()),
                            c -> List.copyOf(c.getTags()))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(2L, List.of(tag), List.of(tag + "-b")),
                            org.assertj.core.groups.Tuple.tuple(3L, List.of(tag + "-b"), List.of()));
        }
        assertThat(lastChange(type, id(7)).getTags()).containsExactly(tag);
    }

    @AfterEach
    void closeProbe() {
        if (events != null) {
            events.close();
        }
    }

    private Map<String, List<EntityTagsChanged>> awaitChanges(UUID commandId) {
        return await().atMost(FANOUT_TIMEOUT)
                .until(
                        () -> FanoutFixture.changesOf(decodedEvents(), commandId),
                        changes -> changes.size() == ENTITIES);
    }

    private List<TagEvent> decodedEvents() {
        return events.records(record -> true).stream()
                .map(record -> decode(record, TagEvent.class))
                .toList();
    }

    private <T> T tagEvent(UUID commandId, Class<T> type) {
        return decodedEvents().stream()
                .filter(event -> event.getCausationId().equals(commandId))
                .map(TagEvent::getPayload)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    private List<EntityTagsChanged> changesOf(String type, String id) {
        return events.records(type + ":" + id).stream()
                .map(record ->
                        (EntityTagsChanged) decode(record, TagEvent.class).getPayload())
                .toList();
    }

    private List<Long> versionsOf(String type, String id) {
        List<Long> versions = new ArrayList<>();
        changesOf(type, id).forEach(change -> versions.add(change.getVersion()));
        return versions;
    }

    private EntityTagsChanged lastChange(String type, String id) {
        List<EntityTagsChanged> changes =
                await().atMost(Duration.ofSeconds(60)).until(() -> changesOf(type, id), list -> !list.isEmpty());
        return changes.get(changes.size() - 1);
    }

    private void awaitOutcome(Commands.Keyed command, String outcome) {
        await().atMost(Duration.ofSeconds(60)).until(() -> outcome.equals(outcomeOf(command.id())));
    }

    private Timer chunkTimer() {
        return meters.get("tag_processor.fanout.chunk").timer();
    }
}
