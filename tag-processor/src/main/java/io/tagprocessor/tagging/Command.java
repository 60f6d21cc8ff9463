package io.tagprocessor.tagging;

import java.util.Set;

/**
 * A validated command: what to change. Who asked and when is in {@link CommandContext}. {@link #key()}
 * is the Kafka key its record must carry: the key decides the partition, hence the order of the
 * commands of one entity or tag, so a command under another key is refused.
 *
 * <p>Code that handles commands by type does so through {@link #match} and a {@link Cases}: the
 * exhaustive switch over this sealed type on Java 17. A new command type does not compile until it
 * has its case in {@link Cases}, and then not until every handler handles it.
 */
public sealed interface Command {

    /** {@code <entityType>:<entityId>} for entity commands, {@code tag:<normalized name>} for tag commands. */
    String key();

    /** Hands this command to the case of its type. */
    <R> R match(Cases<R> cases);

    /** One case per command type. */
    interface Cases<R> {
        R assign(Assign command);

        R unassign(Unassign command);

        R replaceTags(ReplaceTags command);

        R deleteEntity(DeleteEntity command);

        R defineTag(DefineTag command);

        R renameTag(RenameTag command);

        R deleteTag(DeleteTag command);
    }

    /**
     * True for a tag rename or delete: applied alone, under the exclusive tag-structure lock, by
     * {@link TagCommandHandler}. Every other command is applied in sets by {@link EntityBatchTagger}.
     */
    default boolean restructures() {
        return match(RESTRUCTURES);
    }

    /** The case of each type for {@link #restructures()}: asked several times per record, so made once. */
    Cases<Boolean> RESTRUCTURES = new Cases<>() {
        public Boolean assign(Assign command) {
            return false;
        }

        public Boolean unassign(Unassign command) {
            return false;
        }

        public Boolean replaceTags(ReplaceTags command) {
            return false;
        }

        public Boolean deleteEntity(DeleteEntity command) {
            return false;
        }

        public Boolean defineTag(DefineTag command) {
            return false;
        }

        public Boolean renameTag(RenameTag command) {
            return true;
        }

        public Boolean deleteTag(DeleteTag command) {
            return true;
        }
    };

    /** A command about one entity: keyed, ordered and versioned by that entity. */
    sealed interface OfEntity extends Command {
        EntityKey entity();

        default String key() {
            return entity().key();
        }
    }

    /** A command about one tag definition: keyed by the tag's name. */
    sealed interface OfTag extends Command {
        TagName tag();

        default String key() {
            return tag().key();
        }
    }

    /** Largest tag set one entity may carry; a larger {@link ReplaceTags} is refused. */
    int MAX_TAGS_PER_ENTITY = Limits.TAGS_PER_ENTITY;

    record Assign(EntityKey entity, TagName tag) implements OfEntity {
        public <R> R match(Cases<R> cases) {
            return cases.assign(this);
        }
    }

    record Unassign(EntityKey entity, TagName tag) implements OfEntity {
        public <R> R match(Cases<R> cases) {
            return cases.unassign(this);
        }
    }

    record ReplaceTags(EntityKey entity, Set<TagName> tags) implements OfEntity {
        public ReplaceTags {
            tags = Set.copyOf(tags);
        }

        public <R> R match(Cases<R> cases) {
            return cases.replaceTags(this);
        }
    }

    record DefineTag(TagName tag, String description, String color) implements OfTag {
        public <R> R match(Cases<R> cases) {
            return cases.defineTag(this);
        }
    }

    record RenameTag(TagName tag, TagName newName) implements OfTag {
        public <R> R match(Cases<R> cases) {
            return cases.renameTag(this);
        }
    }

    record DeleteTag(TagName tag) implements OfTag {
        public <R> R match(Cases<R> cases) {
            return cases.deleteTag(this);
        }
    }

    record DeleteEntity(EntityKey entity) implements OfEntity {
        public <R> R match(Cases<R> cases) {
            return cases.deleteEntity(this);
        }
    }
}
