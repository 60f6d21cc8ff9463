package io.tagprocessor.tagging;

import io.tagprocessor.tagging.TagBook.Resolved;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One entity while a batch is applied in memory: its tags and version as the commands so far left
 * them, and what must be written at the end (assignments removed from the stored set, assignments
 * added with the audit of the command that added them last, the final version).
 */
final class EntityWork {

    private record Added(Audit audit, Long id) {}

    private final EntityKey key;
    private final long storedVersion;
    private long version;
    private final Map<String, Resolved> tags = new TreeMap<>();
    private final Map<String, Long> storedIds = new HashMap<>();
    private final Set<String> removedFromStored = new HashSet<>();
    private final Map<String, Added> added = new HashMap<>();

    EntityWork(EntityKey key, long storedVersion, List<TagRow> stored) {
        this.key = key;
        this.storedVersion = storedVersion;
        this.version = storedVersion;
        for (TagRow tag : stored) {
            tags.put(tag.normalizedName(), new TagBook.Resolved(tag.displayName(), tag.id()));
            storedIds.put(tag.normalizedName(), tag.id());
        }
    }

    /** The version stored when the batch began; 0 for an entity seen for the first time. */
    long loadedVersion() {
        return storedVersion;
    }

    Outcome apply(Command command, Audit audit, TagBook book) {
        if (command instanceof Command.DeleteEntity) {
            return delete();
        }
        TagSet before = currentSet();
        TagSet after = edited(command, before);
        List<TagName> additions = after.missingFrom(before);
        List<TagName> removals = before.missingFrom(after);
        if (additions.isEmpty() && removals.isEmpty()) {
            return new Outcome.NoEffect();
        }
        if (after.size() > Command.MAX_TAGS_PER_ENTITY) {
            return tooManyTags(after.size());
        }
        List<Change> changes = new ArrayList<>();
        version++;
        List<String> addedNames = new ArrayList<>();
        for (TagName name : additions) {
            Resolved carried = book.resolve(name, audit, changes);
            tags.put(name.normalized(), carried);
            added.put(name.normalized(), new Added(audit, carried.id()));
            addedNames.add(carried.display());
        }
        List<String> removedNames = new ArrayList<>();
        for (TagName name : removals) {
            removedNames.add(tags.remove(name.normalized()).display());
            forget(name.normalized());
        }
        changes.add(new Change.EntityTagsChanged(key, addedNames, removedNames, displays(), version));
        return Outcome.of(changes);
    }

    /** Adds this entity's writes: its new version, the stored assignments to delete, those to insert. */
    void collectWrites(
            Map<String, TagRow> inserted,
            Map<EntityRow, Long> versions,
            List<AssignmentRow> removals,
            List<AssignmentRow> additions) {
        EntityRow row = new EntityRow(key.type(), key.id());
        if (version != storedVersion) {
            versions.put(row, version);
        }
        removedFromStored.forEach(name -> removals.add(new AssignmentRow(row, storedIds.get(name), null)));
        added.forEach((name, add) -> additions.add(new AssignmentRow(
                row, add.id() != null ? add.id() : inserted.get(name).id(), add.audit())));
    }

    private static Outcome tooManyTags(int size) {
        return new Outcome.Refused(
                RejectionReason.TOO_MANY_TAGS,
                "an entity may carry at most " + Command.MAX_TAGS_PER_ENTITY + " tags, this would give " + size);
    }

    private Outcome delete() {
        if (tags.isEmpty()) {
            return new Outcome.NoEffect();
        }
        List<String> removed = displays();
        new ArrayList<>(tags.keySet()).forEach(this::forget);
        tags.clear();
        version++;
        return Outcome.of(List.of(new Change.EntityDeleted(key, removed, version)));
    }

    private void forget(String normalized) {
        added.remove(normalized);
        if (storedIds.containsKey(normalized)) {
            removedFromStored.add(normalized);
        }
    }

    private TagSet currentSet() {
        Map<String, TagName> names = new TreeMap<>();
        tags.forEach((normalized, carried) -> names.put(normalized, new TagName(carried.display(), normalized)));
        return new TagSet(names);
    }

    private static TagSet edited(Command command, TagSet before) {
        if (command instanceof Command.Assign assign) {
            return before.with(assign.tag());
        }
        if (command instanceof Command.Unassign unassign) {
            return before.without(unassign.tag());
        }
        return before.replacedBy(((Command.ReplaceTags) command).tags());
    }

    private List<String> displays() {
        return tags.values().stream().map(Resolved::display).toList();
    }
}
