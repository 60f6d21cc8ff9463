package io.tagprocessor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code tags} table: the live tags, one per normalized name. A tag is changed under
 * {@code FOR UPDATE}; renames and deletes also run under the exclusive {@link TagStructureLock}, so
 * batches that assign tags read them unlocked. Rows retired by a rename or delete whose fan-out is
 * still running ({@link FanoutRepository}) are never found by name.
 */
@Repository
public class TagRepository {

    private static final String COLUMNS = "id, normalized_name, display_name, description, color, event_key";

    private static final String SELECT_FOR_SHARE =
            "SELECT " + COLUMNS + " FROM tags WHERE normalized_name = :name AND NOT retired FOR SHARE";

    private static final String SELECT_FOR_UPDATE =
            "SELECT " + COLUMNS + " FROM tags WHERE normalized_name = :name AND NOT retired FOR UPDATE";

    private static final String INSERT_TAG_IF_ABSENT = """
            INSERT INTO tags (normalized_name, display_name, description, color,
                              created_at, created_by, updated_at, updated_by, event_key)
            VALUES (:normalized, :display, :description, :color, :at, :actor, :at, :actor, 'tag:' || :normalized)
            ON CONFLICT (normalized_name) WHERE NOT retired DO NOTHING
            RETURNING id, normalized_name, display_name, description, color, event_key
            """;

    private static final String UPDATE_DEFINITION = """
            UPDATE tags SET description = :description, color = :color, updated_at = :at, updated_by = :actor
            WHERE id = :id
            """;

    private static final String UPDATE_NAME = """
            UPDATE tags SET normalized_name = :normalized, display_name = :display, updated_at = :at, updated_by = :actor
            WHERE id = :id
            """;

    private static final String DELETE_TAG = "DELETE FROM tags WHERE id = :id";

    private static final String SELECT_ALL_BY_NAME = """
            SELECT id, normalized_name, display_name, description, color, event_key FROM tags
            WHERE normalized_name = ANY (?::text[]) AND NOT retired
            """;

    private static final String INSERT_TAGS_IF_ABSENT = """
            INSERT INTO tags (normalized_name, display_name, created_at, created_by, updated_at, updated_by, event_key)
            SELECT normalized_name, display_name, created_at, created_by, created_at, created_by, 'tag:' || normalized_name
            FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[])
                AS n (normalized_name, display_name, created_at, created_by)
            ORDER BY normalized_name
            ON CONFLICT (normalized_name) WHERE NOT retired DO NOTHING
            RETURNING id, normalized_name, display_name, description, color, event_key
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public TagRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * The tags with these normalized names that exist, by name. Unlocked: callers hold the
     * {@link TagStructureLock}, which keeps them from being renamed or deleted meanwhile.
     */
    public Map<String, TagRow> findAll(Collection<String> normalizedNames) {
        Map<String, TagRow> found = new HashMap<>();
        if (!normalizedNames.isEmpty()) {
            template.query(ArrayStatement.of(SELECT_ALL_BY_NAME).array("text", normalizedNames.toArray()), rs -> {
                found.put(rs.getString(2), tagRow(rs));
            });
        }
        return found;
    }

    /** Creates the tags that do not exist yet (name → display spelling); returns those it created. */
    public Map<String, TagRow> insertAllIfAbsent(Map<String, String> displayByNormalized, Map<String, Audit> creators) {
        Map<String, TagRow> created = new HashMap<>();
        if (displayByNormalized.isEmpty()) {
            return created;
        }
        List<String> names = new ArrayList<>(displayByNormalized.keySet());
        template.query(
                ArrayStatement.of(INSERT_TAGS_IF_ABSENT)
                        .array("text", names.toArray())
                        .array(
                                "text",
                                names.stream().map(displayByNormalized::get).toArray())
                        .array(
                                "timestamptz",
                                names.stream()
                                        .map(n -> Timestamp.from(creators.get(n).at()))
                                        .toArray())
                        .array(
                                "text",
                                names.stream().map(n -> creators.get(n).actor()).toArray()),
                rs -> {
                    created.put(rs.getString(2), tagRow(rs));
                });
        return created;
    }

    private static TagRow tagRow(ResultSet rs) throws SQLException {
        return new TagRow(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    public Optional<TagRow> findForShare(String normalizedName) {
        return jdbc.sql(SELECT_FOR_SHARE)
                .param("name", normalizedName)
                .query(TagRow.class)
                .optional();
    }

    public Optional<TagRow> findForUpdate(String normalizedName) {
        return jdbc.sql(SELECT_FOR_UPDATE)
                .param("name", normalizedName)
                .query(TagRow.class)
                .optional();
    }

    /** Inserts the tag unless its normalized name exists; empty when it already did. */
    public Optional<TagRow> insertIfAbsent(
            String normalizedName, String displayName, String description, String color, Audit audit) {
        return jdbc.sql(INSERT_TAG_IF_ABSENT)
                .param("normalized", normalizedName)
                .param("display", displayName)
                .param("description", description)
                .param("color", color)
                .param("at", Timestamp.from(audit.at()))
                .param("actor", audit.actor())
                .query(TagRow.class)
                .optional();
    }

    public void updateDefinition(long id, String description, String color, Audit audit) {
        jdbc.sql(UPDATE_DEFINITION)
                .param("id", id)
                .param("description", description)
                .param("color", color)
                .param("at", Timestamp.from(audit.at()))
                .param("actor", audit.actor())
                .update();
    }

    public void rename(long id, String normalizedName, String displayName, Audit audit) {
        jdbc.sql(UPDATE_NAME)
                .param("id", id)
                .param("normalized", normalizedName)
                .param("display", displayName)
                .param("at", Timestamp.from(audit.at()))
                .param("actor", audit.actor())
                .update();
    }

    public void delete(long id) {
        jdbc.sql(DELETE_TAG).param("id", id).update();
    }
}
