package io.tagprocessor.tagging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Applies a run of entity commands (assign, unassign, replace, delete entity) and tag definitions as
 * a set: one locking read of every entity involved (in key order) and one read of the tags they add
 * or define, the commands applied in order in memory ({@link EntityWork} per entity, {@link TagBook}
 * for the tags), then one write per table. Runs under the caller's shared tag-structure lock (tag
 * renames and deletes take it exclusively). Each command's outcome (changes, versions, event
 * contents) is what applying the commands one at a time, in their order, would give.
 * The caller settles the entities' pending fan-out ({@link EntityFanout}) first.
 */
@Component
public class EntityBatchTagger {

    private final EntityStore entities;
    private final TagStore tags;

    EntityBatchTagger(EntityStore entities, TagStore tags) {
        this.entities = entities;
        this.tags = tags;
    }

    /** Applies the commands in order; the outcomes come back in the same order. */
    public List<Outcome> apply(List<Command> commands, List<CommandContext> contexts) {
        Map<EntityRow, EntityWork> work = load(commands);
        TagBook book = new TagBook(tags.findAll(namesNamed(commands)));
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            CommandContext context = contexts.get(i);
            Audit audit = new Audit(context.issuedBy(), context.appliedAt(), context.source(), context.commandId());
            if (command instanceof Command.DefineTag define) {
                outcomes.add(book.define(define, audit));
            } else {
                outcomes.add(work.get(row(entityOf(command))).apply(command, audit, book));
            }
        }
        Set<String> adopted = new HashSet<>();
        Map<String, TagRow> inserted = book.write(tags, adopted);
        write(
                work,
                inserted,
                contexts.isEmpty() ? Instant.now() : contexts.get(0).appliedAt());
        return adopted.isEmpty() ? outcomes : withoutCreationOf(adopted, outcomes);
    }

    /** Tags another batch created first were not created by this one: no TagDefined for them. */
    private static List<Outcome> withoutCreationOf(Set<String> adopted, List<Outcome> outcomes) {
        return outcomes.stream()
                .map(outcome -> outcome instanceof Outcome.Applied applied
                        ? new Outcome.Applied(applied.changes().stream()
                                .filter(change -> !(change instanceof Change.TagDefined defined
                                        && adopted.contains(defined.tag().normalized())))
                                .toList())
                        : outcome)
                .toList();
    }

    private Map<EntityRow, EntityWork> load(List<Command> commands) {
        Map<EntityRow, EntityKey> keys = new TreeMap<>(ENTITY_ORDER);
        commands.stream()
                .filter(command -> !(command instanceof Command.DefineTag))
                .forEach(command -> keys.putIfAbsent(row(entityOf(command)), entityOf(command)));
        LockedEntities locked = entities.lock(keys.keySet());
        Map<EntityRow, EntityWork> work = new HashMap<>();
        keys.forEach((row, key) -> work.put(row, new EntityWork(key, locked.version(row), locked.tags(row))));
        return work;
    }

    /** Writes the entities' versions and assignments; {@code inserted} holds the ids of the tags just created. */
    private void write(Map<EntityRow, EntityWork> work, Map<String, TagRow> inserted, Instant at) {
        Map<EntityRow, Long> versions = new HashMap<>();
        List<AssignmentRow> removed = new ArrayList<>();
        List<AssignmentRow> added = new ArrayList<>();
        work.values().forEach(entity -> entity.collectWrites(inserted, versions, removed, added));
        Map<EntityRow, Long> firstVersions = new HashMap<>();
        Map<EntityRow, Long> nextVersions = new HashMap<>();
        versions.forEach((row, version) ->
                (work.get(row).loadedVersion() == 0 ? firstVersions : nextVersions).put(row, version));
        entities.write(new EntityWrites(firstVersions, nextVersions, removed, added, at));
    }

    /** The tags the commands add or define. */
    private static List<String> namesNamed(List<Command> commands) {
        TreeSet<String> names = new TreeSet<>();
        for (Command command : commands) {
            if (command instanceof Command.DefineTag define) {
                names.add(define.tag().normalized());
            } else if (command instanceof Command.Assign assign) {
                names.add(assign.tag().normalized());
            } else if (command instanceof Command.ReplaceTags replace) {
                replace.tags().forEach(tag -> names.add(tag.normalized()));
            }
        }
        return new ArrayList<>(names);
    }

    /** The entity an entity command is about; null for a tag command. */
    static EntityKey entityOf(Command command) {
        return command instanceof Command.OfEntity entityCommand ? entityCommand.entity() : null;
    }

    private static EntityRow row(EntityKey key) {
        return new EntityRow(key.type(), key.id());
    }

    private static final java.util.Comparator<EntityRow> ENTITY_ORDER =
            java.util.Comparator.comparing(EntityRow::entityType).thenComparing(EntityRow::entityId);
}
