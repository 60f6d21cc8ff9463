package io.tagprocessor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.outbox.EventIds;
import io.tagprocessor.store.FanoutRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Entities carrying tags written straight into a service's database (tens of thousands in a second,
 * where commands would take minutes), and the checks of what a rename's or delete's fan-out
 * published: one {@code EntityTagsChanged} per entity under the command's id rule, nothing doubled.
 */
public final class FanoutFixture {

    private static final String INSERT_TAG = """
            INSERT INTO tags (normalized_name, display_name, created_at, created_by, updated_at, updated_by, event_key)
            VALUES (:normalized, :display, now(), 'seed', now(), 'seed', 'tag:' || :normalized)
            RETURNING id
            """;

    private static final String INSERT_ENTITIES = """
            INSERT INTO entities (entity_type, entity_id, version, updated_at)
            SELECT :type, 'e' || lpad(g::text, 7, '0'), 1, now() FROM generate_series(1, :count) AS g
            """;

    private static final String INSERT_ASSIGNMENTS = """
            INSERT INTO entity_tags (entity_type, entity_id, tag_id, assigned_by, assigned_at, source, command_id)
            SELECT :type, 'e' || lpad(g::text, 7, '0'), :tagId, 'seed', now(), 'seed', gen_random_uuid()
            FROM generate_series(1, :count) AS g
            """;

    private FanoutFixture() {}

    /** Creates {@code count} entities of {@code type} (ids {@link #id}, version 1), each carrying every tag. */
    public static void seed(JdbcClient jdbc, String type, int count, List<String> tags) {
        jdbc.sql(INSERT_ENTITIES).param("type", type).param("count", count).update();
        for (String tag : tags) {
            long tagId = jdbc.sql(INSERT_TAG)
                    .param("normalized", tag.toLowerCase(Locale.ROOT))
                    .param("display", tag)
                    .query(Long.class)
                    .single();
            jdbc.sql(INSERT_ASSIGNMENTS)
                    .param("type", type)
                    .param("count", count)
                    .param("tagId", tagId)
                    .update();
        }
    }

    /** The id of the {@code n}-th seeded entity (1-based); ids sort as their numbers. */
    public static String id(int n) {
        return "e" + String.format(Locale.ROOT, "%07d", n);
    }

    /** The entity changes {@code commandId} caused, by entity key, each list in arrival order. */
    public static Map<String, List<EntityTagsChanged>> changesOf(List<TagEvent> events, UUID commandId) {
        Map<String, List<EntityTagsChanged>> byEntity = new HashMap<>();
        for (TagEvent event : events) {
            if (event.getCausationId().equals(commandId) && event.getPayload() instanceof EntityTagsChanged change) {
                String key = change.getEntityType() + ":" + change.getEntityId();
                assertThat(event.getEventId())
                        .as("event id of %s", key)
                        .isEqualTo(EventIds.of(commandId, "EntityTagsChanged", key));
                byEntity.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
            }
        }
        return byEntity;
    }

    /** How many of the entities have the version in the database. */
    public static long entitiesAtVersion(JdbcClient jdbc, String type, long version) {
        return jdbc.sql("SELECT count(*) FROM entities WHERE entity_type = :type AND version = :version")
                .param("type", type)
                .param("version", version)
                .query(Long.class)
                .single();
    }

    /** Whether the job of this rename or delete still has entities to change. */
    public static boolean pending(JdbcClient jdbc, UUID commandId) {
        return jdbc.sql("SELECT count(*) FROM fanout_jobs WHERE command_id = :id")
                        .param("id", commandId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Holds the fan-out runner's advisory lock on a connection of its own: the worker waits while it is held. */
    public static final class RunnerHold implements AutoCloseable {
        private final Connection connection;

        public RunnerHold(DataSource dataSource) throws SQLException {
            connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, FanoutRepository.RUNNER_KEY);
                lock.executeQuery().close();
            }
        }

        @Override
        public void close() throws SQLException {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, FanoutRepository.RUNNER_KEY);
                unlock.executeQuery().close();
            }
            connection.close();
        }
    }
}
