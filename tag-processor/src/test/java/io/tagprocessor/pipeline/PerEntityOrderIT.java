package io.tagprocessor.pipeline;

import static io.tagprocessor.pipeline.Commands.assign;
import static io.tagprocessor.pipeline.Commands.deleteTag;
import static io.tagprocessor.pipeline.Commands.rename;
import static io.tagprocessor.pipeline.Commands.unassign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.store.TagStructureLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Guarantee 3: every change has its event, in per-key order, versions gap-free; several listener
 * threads sharing tag rows resolve their deadlocks by retrying, not by losing a command.
 */
class PerEntityOrderIT extends PipelineTestSupport {

    private static final String LOCK_TAG_STRUCTURE = "SELECT pg_advisory_xact_lock(?)";
    private static final String LOCK_ENTITY =
            "SELECT 1 FROM entities WHERE entity_type = 'article' AND entity_id = ? FOR UPDATE";

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    private final TopicProbe events = probe(TOPICS.events());
    private final TopicProbe states = probe(TOPICS.entityState());

    @Test
    void versionsIncreaseByOneAndArriveInOrderPerEntity() {
        String entity = unique("ordered");
        String tag = unique("flip");
        List<Commands.Keyed> commands = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            commands.add(i % 2 == 0 ? assign("article", entity, tag) : unassign("article", entity, tag));
        }
        send(commands.toArray(Commands.Keyed[]::new));

        List<ConsumerRecord<byte[], byte[]>> records = events.await("article:" + entity, 40);
        assertThat(records.stream().map(r -> change(r).getVersion()).toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        List<ConsumerRecord<byte[], byte[]>> stateRecords = states.await("article:" + entity, 40);
        EntityTagState thirtyNinth = decode(stateRecords.get(38), EntityTagState.class);
        assertThat(thirtyNinth.getVersion()).isEqualTo(39);
        assertThat(stateRecords.get(39).value()).isNull();
    }

    @Test
    void concurrentListenersSharingTagsLoseNothing() {
        List<String> tags = List.of(unique("shared-a"), unique("shared-b"), unique("shared-c"), unique("shared-d"));
        List<String> entities = new ArrayList<>();
        List<Commands.Keyed> setup = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String entity = unique("c" + i);
            entities.add(entity);
            tags.subList(0, 3).forEach(tag -> setup.add(assign("article", entity, tag)));
        }
        send(setup.toArray(Commands.Keyed[]::new));
        awaitProcessed(setup);

        List<Commands.Keyed> contended = new ArrayList<>();
        contended.add(rename(tags.get(0), tags.get(0) + "-renamed"));
        entities.forEach(entity -> contended.add(assign("article", entity, tags.get(3))));
        contended.add(1 + entities.size() / 2, deleteTag(tags.get(1)));
        send(contended.toArray(Commands.Keyed[]::new));
        awaitProcessed(contended);

        // the rename's and the delete's fan-out reaches the entities not touched after them in the background
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM fanout_jobs")
                                .query(Long.class)
                                .single()
                        == 0);
        for (String entity : entities) {
            List<String> current =
                    jdbc.sql("""
                            SELECT t.display_name FROM entity_tags et JOIN tags t ON t.id = et.tag_id
                            WHERE et.entity_type = 'article' AND et.entity_id = :id ORDER BY 1
                            """).param("id", entity).query(String.class).list();
            assertThat(current).containsExactly(tags.get(0) + "-renamed", tags.get(2), tags.get(3));
            List<ConsumerRecord<byte[], byte[]>> records = events.await("article:" + entity, 6);
            assertThat(records.stream().map(r -> change(r).getVersion()).toList())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 6).boxed().toList());
        }
    }

    private void awaitProcessed(List<Commands.Keyed> commands) {
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT count(*) FROM processed_events WHERE command_id IN (:ids) AND outcome = 'APPLIED'")
                                .param(
                                        "ids",
                                        commands.stream()
                                                .map(c -> c.id().toString())
                                                .toList())
                                .query(Long.class)
                                .single())
                        .isEqualTo(commands.size()));
    }

    @Test
    void aDeadlockWithAnotherTransactionIsRetriedNotSkipped() throws Exception {
        String entity = unique("deadlock");
        send(assign("article", entity, unique("first")));
        events.await("article:" + entity, 1);
        double retriesBefore = meters.counter("tag_processor.consumer.retries").count();

        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement settings = blocker.createStatement();
                    PreparedStatement lockEntity = blocker.prepareStatement(LOCK_ENTITY);
                    PreparedStatement lockTagStructure = blocker.prepareStatement(LOCK_TAG_STRUCTURE)) {
                settings.execute("SET deadlock_timeout = '5s'");
                lockEntity.setString(1, entity);
                lockEntity.executeQuery().close();
                send(assign("article", entity, unique("second")));
                await().atMost(Duration.ofSeconds(30)).until(this::serviceWaitsOnALock);
                lockTagStructure.setLong(1, TagStructureLock.KEY);
                lockTagStructure.executeQuery().close();
            } catch (SQLException deadlockVictim) {
                // PostgreSQL picks the victim; the service's shorter deadlock_timeout makes it the one.
            }
            blocker.rollback();
        }

        List<ConsumerRecord<byte[], byte[]>> records = events.await("article:" + entity, 2);
        assertThat(change(records.get(1)).getVersion()).isEqualTo(2);
        assertThat(meters.counter("tag_processor.consumer.retries").count()).isGreaterThan(retriesBefore);
    }

    private boolean serviceWaitsOnALock() {
        return jdbc.sql(
                                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    private EntityTagsChanged change(ConsumerRecord<byte[], byte[]> record) {
        return (EntityTagsChanged) decode(record, TagEvent.class).getPayload();
    }
}
