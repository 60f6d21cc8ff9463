package io.tagprocessor.tagging;

import java.util.Set;

/** A validated command: what to change. Who asked and when is in {@link CommandContext}. */
public sealed interface Command {

    /** Largest tag set one entity may carry; a larger {@link ReplaceTags} is refused. */
    int MAX_TAGS_PER_ENTITY = 100;

    record Assign(EntityKey entity, TagName tag) implements Command {}

    record Unassign(EntityKey entity, TagName tag) implements Command {}

    record ReplaceTags(EntityKey entity, Set<TagName> tags) implements Command {
        public ReplaceTags {
            tags = Set.copyOf(tags);
        }
    }

    record DefineTag(TagName tag, String description, String color) implements Command {}

    record RenameTag(TagName tag, TagName newName) implements Command {}

    record DeleteTag(TagName tag) implements Command {}

    record DeleteEntity(EntityKey entity) implements Command {}
}
