package io.tagprocessor.store;

import java.sql.Timestamp;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code entities} (one version per entity) and {@code entity_tags} (its assignments). Callers
 * lock the entity with {@link #lockVersion} before reading or changing its tags, which serializes
 * every change of one entity and keeps its versions gap-free.
 */
@Repository
public class EntityRepository {

    private static final String SELECT_VERSION_FOR_UPDATE = """
            SELECT version FROM entities WHERE entity_type = :type AND entity_id = :id FOR UPDATE
            """;

    private static final String UPSERT_VERSION = """
            INSERT INTO entities (entity_type, entity_id, version, updated_at)
            VALUES (:type, :id, :version, :at)
            ON CONFLICT (entity_type, entity_id) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            """;

    private static final String SELECT_TAGS_OF_ENTITY = """
            SELECT t.id, t.normalized_name, t.display_name, t.description, t.color, t.event_key
            FROM entity_tags et JOIN tags t ON t.id = et.tag_id
            WHERE et.entity_type = :type AND et.entity_id = :id
            ORDER BY t.normalized_name
            """;

    private static final String SELECT_ENTITIES_OF_TAG = """
            SELECT entity_type, entity_id FROM entity_tags WHERE tag_id = :tagId ORDER BY entity_type, entity_id
            """;

    private static final String DELETE_ASSIGNMENT = """
            DELETE FROM entity_tags WHERE entity_type = :type AND entity_id = :id AND tag_id = :tagId
            """;

    private final JdbcClient jdbc;

    public EntityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the entity's row and returns its version; empty for an entity never changed. */
    public OptionalLong lockVersion(EntityRow entity) {
        return jdbc.sql(SELECT_VERSION_FOR_UPDATE)
                .param("type", entity.entityType())
                .param("id", entity.entityId())
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty);
    }

    public void saveVersion(EntityRow entity, long version, Audit audit) {
        jdbc.sql(UPSERT_VERSION)
                .param("type", entity.entityType())
                .param("id", entity.entityId())
                .param("version", version)
                .param("at", Timestamp.from(audit.at()))
                .update();
    }

    /** The entity's tags, sorted by normalized name. */
    public List<TagRow> tagsOf(EntityRow entity) {
        return jdbc.sql(SELECT_TAGS_OF_ENTITY)
                .param("type", entity.entityType())
                .param("id", entity.entityId())
                .query(TagRow.class)
                .list();
    }

    public List<EntityRow> entitiesOf(long tagId) {
        return jdbc.sql(SELECT_ENTITIES_OF_TAG)
                .param("tagId", tagId)
                .query(EntityRow.class)
                .list();
    }

    public void unassign(EntityRow entity, long tagId) {
        jdbc.sql(DELETE_ASSIGNMENT)
                .param("type", entity.entityType())
                .param("id", entity.entityId())
                .param("tagId", tagId)
                .update();
    }
}
