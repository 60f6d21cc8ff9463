package io.tagprocessor.store;

import io.tagprocessor.tagging.Audit;
import io.tagprocessor.tagging.TagDefinition;
import io.tagprocessor.tagging.TagRow;
import io.tagprocessor.tagging.TagStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
public class TagRepository implements TagStore {

    private static final String COLUMNS = "id, normalized_name, display_name, description, color, event_key";

    private static final String SELECT_FOR_SHARE =
            "SELECT " + COLUMNS + " FROM tags WHERE normalized_name = :name AND NOT retired FOR SHARE";

    private static final String SELECT_FOR_UPDATE =
            "SELECT " + COLUMNS + " FROM tags WHERE normalized_name = :name AND NOT retired FOR UPDATE";

    /** Rows in id order, so that concurrent writers would wait for each other in one order. */
    private static final String UPDATE_DEFINITIONS = """
            UPDATE tags t SET description = d.description, color = d.color, updated_at = d.updated_at,
                              updated_by = d.updated_by
            FROM (SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                      AS u (id, description, color, updated_at, updated_by)
                  ORDER BY id) AS d
            WHERE t.id = d.id
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

    /** In name order, so that two batches creating the same tags wait for each other instead of deadlocking. */
    private static final String INSERT_TAGS_IF_ABSENT = """
            INSERT INTO tags (normalized_name, display_name, description, color, created_at, created_by,
                              updated_at, updated_by, event_key)
            SELECT normalized_name, display_name, description, color, created_at, created_by,
                   updated_at, updated_by, 'tag:' || normalized_name
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[])
                AS n (normalized_name, display_name, description, color, created_at, created_by, updated_at, updated_by)
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

    /** Creates the tags that do not exist yet; returns those it created, by normalized name. */
    public Map<String, TagRow> insertAllIfAbsent(List<TagDefinition> tags) {
        Map<String, TagRow> created = new HashMap<>();
        if (tags.isEmpty()) {
            return created;
        }
        template.query(
                ArrayStatement.of(INSERT_TAGS_IF_ABSENT)
                        .array(
                                "text",
                                tags.stream().map(TagDefinition::normalizedName).toArray())
                        .array("text", tags.stream().map(TagDefinition::display).toArray())
                        .array(
                                "text",
                                tags.stream().map(TagDefinition::description).toArray())
                        .array("text", tags.stream().map(TagDefinition::color).toArray())
                        .array(
                                "timestamptz",
                                tags.stream().map(t -> at(t.created())).toArray())
                        .array(
                                "text",
                                tags.stream().map(t -> t.created().actor()).toArray())
                        .array(
                                "timestamptz",
                                tags.stream().map(t -> at(t.updated())).toArray())
                        .array(
                                "text",
                                tags.stream().map(t -> t.updated().actor()).toArray()),
                rs -> {
                    created.put(rs.getString(2), tagRow(rs));
                });
        return created;
    }

    /** Writes the new description, color and last writer of stored tags (each with its id). */
    public void redefine(List<TagDefinition> tags) {
        if (tags.isEmpty()) {
            return;
        }
        template.update(ArrayStatement.of(UPDATE_DEFINITIONS)
                .array("int8", tags.stream().map(TagDefinition::id).toArray())
                .array("text", tags.stream().map(TagDefinition::description).toArray())
                .array("text", tags.stream().map(TagDefinition::color).toArray())
                .array("timestamptz", tags.stream().map(t -> at(t.updated())).toArray())
                .array("text", tags.stream().map(t -> t.updated().actor()).toArray()));
    }

    private static Timestamp at(Audit audit) {
        return Timestamp.from(audit.at());
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
