package io.tagprocessor.tagging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * The tags a batch touches, as its commands so far left them: those stored when the batch began,
 * those it creates (by assigning an unknown name, or defining one), and the definitions it changes.
 * Tag definitions are applied here in command order, in the same pass as the entity commands, and
 * written with one statement per kind at the end ({@link #write}).
 */
final class TagBook {

    private final Map<String, TagRow> stored;
    private final Map<String, TagDefinition> created = new LinkedHashMap<>();
    private final Map<String, TagDefinition> redefined = new TreeMap<>();
    private final Set<String> definedNew = new HashSet<>();

    TagBook(Map<String, TagRow> stored) {
        this.stored = stored;
    }

    /** A tag an entity command adds: its display spelling, and its id when it is stored already. */
    record Resolved(String display, Long id) {}

    /** Resolves a tag an assignment adds, creating it (with a {@link Change.TagDefined}) when unknown. */
    Resolved resolve(TagName name, Audit audit, List<Change> changes) {
        TagRow row = stored.get(name.normalized());
        if (row != null) {
            return new Resolved(row.displayName(), row.id());
        }
        TagDefinition fresh = created.get(name.normalized());
        if (fresh == null) {
            created.put(name.normalized(), TagDefinition.created(name.normalized(), name.display(), null, null, audit));
            changes.add(new Change.TagDefined(name, null, null, true, name.key()));
            return new Resolved(name.display(), null);
        }
        return new Resolved(fresh.display(), null);
    }

    /** Creates the tag, or changes its description and color; no effect when they are already so. */
    Outcome define(Command.DefineTag command, Audit audit) {
        TagName name = command.tag();
        String description = command.description();
        String color = command.color();
        TagDefinition current = current(name.normalized());
        if (current == null) {
            created.put(
                    name.normalized(),
                    TagDefinition.created(name.normalized(), name.display(), description, color, audit));
            definedNew.add(name.normalized());
            return Outcome.of(List.of(new Change.TagDefined(name, description, color, true, name.key())));
        }
        if (Objects.equals(current.description(), description) && Objects.equals(current.color(), color)) {
            return new Outcome.NoEffect();
        }
        TagDefinition changed = current.redefined(description, color, audit);
        if (created.containsKey(name.normalized())) {
            created.put(name.normalized(), changed);
            definedNew.add(name.normalized());
        } else {
            redefined.put(name.normalized(), changed);
        }
        TagName display = new TagName(current.display(), name.normalized());
        String key = stored.containsKey(name.normalized())
                ? stored.get(name.normalized()).eventKey()
                : name.key();
        return Outcome.of(List.of(new Change.TagDefined(display, description, color, false, key)));
    }

    private TagDefinition current(String normalized) {
        TagDefinition changed = redefined.get(normalized);
        if (changed != null) {
            return changed;
        }
        TagDefinition fresh = created.get(normalized);
        if (fresh != null) {
            return fresh;
        }
        TagRow row = stored.get(normalized);
        return row == null ? null : TagDefinition.of(row);
    }

    /** The tags created and the definitions changed so far, as {@link #write} would write them. */
    List<TagDefinition> pending() {
        List<TagDefinition> pending = new ArrayList<>(created.values());
        pending.addAll(redefined.values());
        return pending;
    }

    /**
     * Writes the tags the batch created and the definitions it changed; returns the created tags by
     * normalized name with their ids, and in {@code adopted} the names another transaction created
     * first (spelled alike and not defined here, they are simply used; otherwise the events computed
     * are wrong and the batch is retried, then finding the tags stored).
     */
    Map<String, TagRow> write(TagStore tags, Set<String> adopted) {
        Map<String, TagRow> inserted = new HashMap<>(tags.insertAllIfAbsent(new ArrayList<>(created.values())));
        if (inserted.size() != created.size()) {
            adoptConcurrentlyCreated(tags, inserted, adopted);
        }
        tags.redefine(List.copyOf(redefined.values()));
        return inserted;
    }

    private void adoptConcurrentlyCreated(TagStore tags, Map<String, TagRow> inserted, Set<String> adopted) {
        List<String> raced = created.keySet().stream()
                .filter(name -> !inserted.containsKey(name))
                .toList();
        tags.findAll(raced).forEach((name, row) -> {
            TagDefinition planned = created.get(name);
            if (!row.displayName().equals(planned.display()) || definedNew.contains(name)) {
                throw new ConcurrencyFailureException(
                        "tag '" + name + "' was created concurrently; retrying the batch");
            }
            inserted.put(name, row);
            adopted.add(name);
        });
        if (inserted.size() != created.size()) {
            throw new ConcurrencyFailureException("a tag this batch creates vanished meanwhile; retrying the batch");
        }
    }
}
