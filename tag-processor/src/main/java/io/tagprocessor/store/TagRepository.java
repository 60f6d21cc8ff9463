package io.tagprocessor.store;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code tags} table. Reads for a change lock the row ({@code FOR SHARE} to assign it,
 * {@code FOR UPDATE} to change it) so a concurrent rename or delete waits instead of racing.
 */
@Repository
public class TagRepository {

    private static final String COLUMNS = "id, normalized_name, display_name, description, color";

    private static final String SELECT_FOR_SHARE =
            "SELECT " + COLUMNS + " FROM tags WHERE normalized_name = :name FOR SHARE";

    private static final String SELECT_FOR_UPDATE =
            "SELECT " + COLUMNS + " FROM tags WHERE normalized_name = :name FOR UPDATE";

    private static final String INSERT_TAG_IF_ABSENT = """
            INSERT INTO tags (normalized_name, display_name, description, color,
                              created_at, created_by, updated_at, updated_by)
            VALUES (:normalized, :display, :description, :color, :at, :actor, :at, :actor)
            ON CONFLICT (normalized_name) DO NOTHING
            RETURNING id, normalized_name, display_name, description, color
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

    private final JdbcClient jdbc;

    public TagRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
