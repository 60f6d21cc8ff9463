package io.tagprocessor.benchmark.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the service's (migrated, empty) tables with a read dataset in a few set-based statements:
 * {@code tags} tags with spread-out names (hex, so prefixes of 1-3 characters match thousands, hundreds
 * and tens of tags), {@code entities} entities of four types with {@code tagsPerEntity} tags each.
 * Popularity is skewed: an entity's k-th tag is drawn from the k-th tenth of a cubic curve over the
 * tag ids, so a few tags are carried by tens of thousands of entities and most by a few dozen.
 */
record ApiDataset(int tags, int entities, int tagsPerEntity) {

    /**
     * The tenths' boundaries on the curve fall on whole tag ids only when {@code tags} is a multiple
     * of {@code tagsPerEntity} cubed; otherwise two tags of one entity can coincide.
     */
    ApiDataset {
        if (tags < 1 || entities < 1 || tagsPerEntity < 1 || tagsPerEntity > 100) {
            throw new IllegalArgumentException("tags and entities must be positive, tags per entity 1 to 100");
        }
        long cube = (long) tagsPerEntity * tagsPerEntity * tagsPerEntity;
        if (tags % cube != 0) {
            throw new IllegalArgumentException("tags must be a multiple of tags-per-entity cubed (" + cube
                    + "), or an entity's tags can coincide");
        }
    }

    static final String[] TYPES = {"document", "article", "user", "order"};

    private static final String INSERT_TAGS = """
            INSERT INTO tags (normalized_name, display_name, description, color,
                              created_at, created_by, updated_at, updated_by, event_key)
            SELECT name, upper(name), 'bench tag ' || i, '#336699', now(), 'bench', now(), 'bench', 'tag:' || name
            FROM (SELECT i, substr(md5(i::text), 1, 10) || '-' || i AS name FROM generate_series(1, ?) i) n
            ORDER BY i
            """;

    private static final String INSERT_ENTITIES = """
            INSERT INTO entities (entity_type, entity_id, version, updated_at)
            SELECT (ARRAY['document', 'article', 'user', 'order'])[1 + e % 4], 'e-' || e, ?, now()
            FROM generate_series(1, ?) e
            """;

    /** Golden-ratio fraction per entity: evenly spread and the same for all its tags. */
    private static final String INSERT_ASSIGNMENTS = """
            INSERT INTO entity_tags (entity_type, entity_id, tag_id, assigned_by, assigned_at, source, command_id)
            SELECT (ARRAY['document', 'article', 'user', 'order'])[1 + e % 4], 'e-' || e,
                   (SELECT min(id) FROM tags)
                       + floor(? * power(((k - 1) + (e * 0.6180339887 - floor(e * 0.6180339887))) / ?, 3))::bigint,
                   'bench', now(), 'bench', gen_random_uuid()
            FROM generate_series(1, ?) e, generate_series(1, ?) k
            """;

    private static final String COUNT_ASSIGNMENTS = "SELECT count(*) FROM entity_tags";

    /** Loads the dataset; returns the number of assignments stored. */
    long load(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        update(connection, INSERT_TAGS, tags);
        update(connection, INSERT_ENTITIES, tagsPerEntity, entities);
        update(connection, INSERT_ASSIGNMENTS, tags, tagsPerEntity, entities, tagsPerEntity);
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            // the visibility map lets the entity count be an index-only scan, as on a settled database
            statement.execute("VACUUM ANALYZE");
            try (ResultSet rs = statement.executeQuery(COUNT_ASSIGNMENTS)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void update(Connection connection, String sql, int... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setInt(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
