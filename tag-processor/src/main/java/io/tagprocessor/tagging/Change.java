package io.tagprocessor.tagging;

import java.util.List;

/**
 * One thing a command changed; each becomes an event (and, for entities, a state record). Tag
 * lists hold display spellings; {@code tags} is the full set after the change, sorted by
 * normalized name.
 */
public sealed interface Change {

    /** The Kafka key of the change's records. */
    String key();

    record EntityTagsChanged(
            EntityKey entity, List<String> added, List<String> removed, List<String> tags, long version)
            implements Change {
        public String key() {
            return entity.key();
        }
    }

    record EntityDeleted(EntityKey entity, List<String> removed, long version) implements Change {
        public String key() {
            return entity.key();
        }
    }

    /*
     * The changes of a tag carry its event key: tag: and the normalized name the tag was created
     * with, kept across renames, so that one tag's events stay on one partition, in order.
     */

    record TagDefined(TagName tag, String description, String color, boolean created, String key) implements Change {}

    record TagRenamed(TagName oldName, TagName newName, long affectedEntities, String key) implements Change {}

    record TagDeleted(TagName tag, long affectedEntities, String key) implements Change {}
}
