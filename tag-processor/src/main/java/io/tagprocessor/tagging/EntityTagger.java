package io.tagprocessor.tagging;

import io.tagprocessor.store.Audit;
import io.tagprocessor.store.EntityRepository;
import io.tagprocessor.store.EntityRow;
import io.tagprocessor.store.TagRow;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Applies a tag rename or delete to every entity carrying the tag, one entity at a time: each is
 * locked first, so its version grows by exactly one per change, serialized with the batch path.
 */
@Component
class EntityTagger {

    private final EntityRepository entities;

    EntityTagger(EntityRepository entities) {
        this.entities = entities;
    }

    /** The entity's tags in normalized-name order as Java compares them (not the database collation). */
    private List<TagRow> tagsOf(EntityRow entity) {
        return entities.tagsOf(entity).stream()
                .sorted(java.util.Comparator.comparing(TagRow::normalizedName))
                .toList();
    }

    static Outcome tooManyTags(int size) {
        return new Outcome.Refused(
                RejectionReason.TOO_MANY_TAGS,
                "an entity may carry at most " + Command.MAX_TAGS_PER_ENTITY + " tags, this would give " + size);
    }

    /** After a rename of {@code tagId} (already stored): one change per entity carrying it. */
    List<Change> renamed(long tagId, TagName oldName, TagName newName, Audit audit) {
        List<Change> changes = new ArrayList<>();
        for (EntityRow entity : entities.entitiesOf(tagId)) {
            long newVersion = entities.lockVersion(entity).orElseThrow() + 1;
            entities.saveVersion(entity, newVersion, audit);
            List<String> all = tagsOf(entity).stream().map(TagRow::displayName).toList();
            changes.add(new Change.EntityTagsChanged(
                    key(entity), List.of(newName.display()), List.of(oldName.display()), all, newVersion));
        }
        return changes;
    }

    /** Removes {@code tagId} from every entity carrying it: one change per entity. */
    List<Change> untagAll(long tagId, TagName name, Audit audit) {
        List<Change> changes = new ArrayList<>();
        for (EntityRow entity : entities.entitiesOf(tagId)) {
            long newVersion = entities.lockVersion(entity).orElseThrow() + 1;
            entities.unassign(entity, tagId);
            entities.saveVersion(entity, newVersion, audit);
            List<String> all = tagsOf(entity).stream().map(TagRow::displayName).toList();
            changes.add(new Change.EntityTagsChanged(key(entity), List.of(), List.of(name.display()), all, newVersion));
        }
        return changes;
    }

    private static EntityRow row(EntityKey key) {
        return new EntityRow(key.type(), key.id());
    }

    private static EntityKey key(EntityRow row) {
        return new EntityKey(row.entityType(), row.entityId());
    }
}
