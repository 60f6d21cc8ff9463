package io.tagprocessor.api;

import io.tagprocessor.tagging.EntityKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements of the read API, each answered from one index: an entity by its primary key, tags
 * by prefix and keyset over {@code tags_normalized_name_c_idx} (byte order, so the same on every
 * database collation), a tag's entities keyset over {@code entity_tags_tag_entity_idx}.
 */
@Repository
class TagReadQueries {

    /**
     * One statement, so the version and the tags come from the same snapshot. An assignment of a tag
     * whose rename or delete is still fanning out reads as the tag it became (or not at all), and the
     * version counts the changes the fan-out still owes the entity: the answer is the state after the
     * rename or delete, as its events will tell it.
     */
    private static final String SELECT_ENTITY_TAGS = """
            SELECT e.version, t.retired, t.pending_changes, c.display_name, c.description, c.color
            FROM entities e
            LEFT JOIN (entity_tags et
                       JOIN tags t ON t.id = et.tag_id
                       LEFT JOIN tags c ON c.id = CASE WHEN t.retired THEN t.successor_id ELSE t.id END)
                ON et.entity_type = e.entity_type AND et.entity_id = e.entity_id
            WHERE e.entity_type = :type AND e.entity_id = :id
            ORDER BY c.normalized_name COLLATE "C"
            """;

    private static final String SELECT_TAGS_BY_PREFIX = """
            SELECT normalized_name, display_name, description, color
            FROM tags
            WHERE normalized_name COLLATE "C" >= :prefix
              AND normalized_name COLLATE "C" < :prefixEnd
              AND normalized_name COLLATE "C" > :after
              AND NOT retired
            ORDER BY normalized_name COLLATE "C"
            LIMIT :limit
            """;

    private static final String SELECT_TAG_DETAIL = """
            SELECT t.id, t.display_name, t.normalized_name, t.description, t.color,
                   t.created_at, t.created_by, t.updated_at, t.updated_by,
                   (SELECT count(*) FROM entity_tags et WHERE et.tag_id = t.id)
                       + (SELECT count(*) FROM tags r JOIN entity_tags et ON et.tag_id = r.id
                          WHERE r.retired AND r.successor_id = t.id) AS entity_count
            FROM tags t
            WHERE t.normalized_name = :name AND NOT t.retired
            """;

    private static final String SELECT_TAG_ID = "SELECT id FROM tags WHERE normalized_name = :name AND NOT retired";

    /** The tag's row and, while a rename fans out, the retired rows it came from: one keyset page of each, merged. */
    private static final String SELECT_ENTITIES_OF_TAG = """
            SELECT page.entity_type, page.entity_id, page.assigned_at, page.assigned_by, page.source
            FROM tags r
            CROSS JOIN LATERAL (
                SELECT entity_type, entity_id, assigned_at, assigned_by, source
                FROM entity_tags
                WHERE tag_id = r.id AND (entity_type, entity_id) > (:afterType, :afterId)
                ORDER BY entity_type, entity_id
                LIMIT :limit) AS page
            WHERE r.id = :tagId OR (r.retired AND r.successor_id = :tagId)
            ORDER BY page.entity_type, page.entity_id
            LIMIT :limit
            """;

    /** Sorts after every character a tag name may hold, so {@code prefix + END} bounds the prefix's range. */
    private static final String END = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final JdbcClient jdbc;

    TagReadQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The entity's tags and version; empty for an entity no command ever changed. */
    Optional<EntityTags> entityTags(EntityKey entity) {
        List<TagSummary> tags = new ArrayList<>();
        long[] version = {0, 0}; // stored, still owed by a fan-out
        jdbc.sql(SELECT_ENTITY_TAGS)
                .param("type", entity.type())
                .param("id", entity.id())
                .query((ResultSet rs) -> {
                    version[0] = rs.getLong(1);
                    if (rs.getBoolean(2)) {
                        version[1] += rs.getInt(3);
                    }
                    if (rs.getString(4) != null) {
                        tags.add(new TagSummary(rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                });
        return version[0] == 0
                ? Optional.empty()
                : Optional.of(new EntityTags(entity.type(), entity.id(), version[0] + version[1], List.copyOf(tags)));
    }

    /** Up to {@code limit} tags whose normalized name starts with {@code prefix} and sorts after {@code after}. */
    List<Named<TagSummary>> tagsByPrefix(String prefix, String after, int limit) {
        return jdbc.sql(SELECT_TAGS_BY_PREFIX)
                .param("prefix", prefix)
                .param("prefixEnd", prefix + END)
                .param("after", after)
                .param("limit", limit)
                .query((rs, row) ->
                        new Named<>(rs.getString(1), new TagSummary(rs.getString(2), rs.getString(3), rs.getString(4))))
                .list();
    }

    Optional<TagDetail> tag(String normalizedName) {
        return jdbc.sql(SELECT_TAG_DETAIL)
                .param("name", normalizedName)
                .query(TagReadQueries::detail)
                .optional();
    }

    Optional<Long> tagId(String normalizedName) {
        return jdbc.sql(SELECT_TAG_ID)
                .param("name", normalizedName)
                .query(Long.class)
                .optional();
    }

    /** Up to {@code limit} entities carrying the tag, in key order after {@code after} (null: from the start). */
    List<TaggedEntity> entitiesOf(long tagId, EntityKey after, int limit) {
        return jdbc.sql(SELECT_ENTITIES_OF_TAG)
                .param("tagId", tagId)
                .param("afterType", after == null ? "" : after.type())
                .param("afterId", after == null ? "" : after.id())
                .param("limit", limit)
                .query((rs, row) -> new TaggedEntity(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    private static TagDetail detail(ResultSet rs, int row) throws SQLException {
        return new TagDetail(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(10),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                rs.getString(9));
    }

    /** A row with the normalized name its page is keyed on. */
    record Named<T>(String normalizedName, T value) {}
}
