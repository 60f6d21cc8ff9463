package io.tagprocessor.tagging;

import java.util.Set;

/**
 * A validated command: what to change. Who asked and when is in {@link CommandContext}. {@link #key()}
 * is the Kafka key its record must carry: the key decides the partition, hence the order of the
 * commands of one entity or tag, so a command under another key is refused.
 */
public sealed interface Command {

    /** {@code <entityType>:<entityId>} for entity commands, {@code tag:<normalized name>} for tag commands. */
    String key();

    /** Largest tag set one entity may carry; a larger {@link ReplaceTags} is refused. */
    int MAX_TAGS_PER_ENTITY = Limits.TAGS_PER_ENTITY;

    record Assign(EntityKey entity, TagName tag) implements Command {
        public String key() {
            return entity.key();
        }
    }

    record Unassign(EntityKey entity, TagName tag) implements Command {
        public String key() {
            return entity.key();
        }
    }

    record ReplaceTags(EntityKey entity, Set<TagName> tags) implements Command {
        public ReplaceTags {
            tags = Set.copyOf(tags);
        }

        public String key() {
            return entity.key();
        }
    }

    record DefineTag(TagName tag, String description, String color) implements Command {
        public String key() {
            return tag.key();
        }
    }

    record RenameTag(TagName tag, TagName newName) implements Command {
        public String key() {
            return tag.key();
        }
    }

    record DeleteTag(TagName tag) implements Command {
        public String key() {
            return tag.key();
        }
    }

    record DeleteEntity(EntityKey entity) implements Command {
        public String key() {
            return entity.key();
        }
    }
}
