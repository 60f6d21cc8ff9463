package io.tagprocessor.tagging;

import java.util.List;
import java.util.Map;

/**
 * Entities {@link EntityStore#lock} locked: the version of each that is stored and the tags it
 * carries, read after the lock was granted.
 */
public record LockedEntities(Map<EntityRow, Long> versions, Map<EntityRow, List<TagRow>> tags) {

    public LockedEntities {
        versions = Map.copyOf(versions);
        tags = Map.copyOf(tags);
    }

    /** The stored version; 0 for an entity not stored yet. */
    public long version(EntityRow entity) {
        return versions.getOrDefault(entity, 0L);
    }

    /** The tags the entity carries, sorted by normalized name; none for an entity not stored yet. */
    public List<TagRow> tags(EntityRow entity) {
        return tags.getOrDefault(entity, List.of());
    }
}
