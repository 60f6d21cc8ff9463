package io.tagprocessor.tagging;

import io.tagprocessor.store.Audit;
import io.tagprocessor.store.EntityRepository;
import io.tagprocessor.store.EntityRow;
import io.tagprocessor.store.TagRepository;
import io.tagprocessor.store.TagRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * Changes the tag set of entities. Every change locks the entity row first, so one entity's
 * changes are serialized and its version grows by exactly one per change; a change with no
 * difference bumps nothing.
 */
@Component
class EntityTagger {

    private static final int MAX_TAG_CREATE_ATTEMPTS = 3;

    private final EntityRepository entities;
    private final TagRepository tags;

    EntityTagger(EntityRepository entities, TagRepository tags) {
        this.entities = entities;
        this.tags = tags;
    }

    Outcome change(EntityKey key, Audit audit, UnaryOperator<TagSet> edit) {
        EntityRow entity = row(key);
        OptionalLong version = entities.lockVersion(entity);
        List<TagRow> current = version.isPresent() ? entities.tagsOf(entity) : List.of();
        TagSet before = TagSet.of(current);
        TagSet after = edit.apply(before);
        List<TagName> added = after.missingFrom(before);
        List<TagName> removed = before.missingFrom(after);
        if (added.isEmpty() && removed.isEmpty()) {
            return new Outcome.NoEffect();
        }
        if (after.size() > Command.MAX_TAGS_PER_ENTITY) {
            return new Outcome.Refused(
                    RejectionReason.TOO_MANY_TAGS,
                    "an entity may carry at most " + Command.MAX_TAGS_PER_ENTITY + " tags, this would give "
                            + after.size());
        }
        List<Change> changes = new ArrayList<>();
        Map<String, TagRow> rows = TagSet.byNormalizedName(current);
        long newVersion = version.orElse(0) + 1;
        entities.saveVersion(entity, newVersion, audit);
        List<String> addedNames = new ArrayList<>();
        for (TagName name : added) {
            TagRow tag = existingOrCreated(name, audit, changes);
            entities.assign(entity, tag.id(), audit);
            rows.put(tag.normalizedName(), tag);
            addedNames.add(tag.displayName());
        }
        List<String> removedNames = new ArrayList<>();
        for (TagName name : removed) {
            TagRow tag = rows.remove(name.normalized());
            entities.unassign(entity, tag.id());
            removedNames.add(tag.displayName());
        }
        changes.add(new Change.EntityTagsChanged(key, addedNames, removedNames, TagSet.displayNames(rows), newVersion));
        return Outcome.of(changes);
    }

    Outcome delete(EntityKey key, Audit audit) {
        EntityRow entity = row(key);
        OptionalLong version = entities.lockVersion(entity);
        List<TagRow> current = version.isPresent() ? entities.tagsOf(entity) : List.of();
        if (current.isEmpty()) {
            return new Outcome.NoEffect();
        }
        current.forEach(tag -> entities.unassign(entity, tag.id()));
        long newVersion = version.getAsLong() + 1;
        entities.saveVersion(entity, newVersion, audit);
        List<String> removed = current.stream().map(TagRow::displayName).toList();
        return Outcome.of(List.of(new Change.EntityDeleted(key, removed, newVersion)));
    }

    /** After a rename of {@code tagId} (already stored): one change per entity carrying it. */
    List<Change> renamed(long tagId, TagName oldName, TagName newName, Audit audit) {
        List<Change> changes = new ArrayList<>();
        for (EntityRow entity : entities.entitiesOf(tagId)) {
            long newVersion = entities.lockVersion(entity).orElseThrow() + 1;
            entities.saveVersion(entity, newVersion, audit);
            List<String> all =
                    entities.tagsOf(entity).stream().map(TagRow::displayName).toList();
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
            List<String> all =
                    entities.tagsOf(entity).stream().map(TagRow::displayName).toList();
            changes.add(new Change.EntityTagsChanged(key(entity), List.of(), List.of(name.display()), all, newVersion));
        }
        return changes;
    }

    /** The tag row, locked against a concurrent rename or delete; created (and announced) if new. */
    private TagRow existingOrCreated(TagName name, Audit audit, List<Change> changes) {
        for (int attempt = 0; attempt < MAX_TAG_CREATE_ATTEMPTS; attempt++) {
            var existing = tags.findForShare(name.normalized());
            if (existing.isPresent()) {
                return existing.get();
            }
            var created = tags.insertIfAbsent(name.normalized(), name.display(), null, null, audit);
            if (created.isPresent()) {
                changes.add(new Change.TagDefined(name, null, null, true));
                return created.get();
            }
        }
        throw new IllegalStateException("tag '" + name.normalized() + "' kept appearing and disappearing");
    }

    private static EntityRow row(EntityKey key) {
        return new EntityRow(key.type(), key.id());
    }

    private static EntityKey key(EntityRow row) {
        return new EntityKey(row.entityType(), row.entityId());
    }
}
