package io.tagprocessor.tagging;

import io.tagprocessor.tagging.FanoutStore.Move;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Applies the pending fan-out of tag renames and deletes to given entities, inside the caller's
 * transaction (under the shared tag-structure lock): locks them in key
 * order, as a batch does, and gives every entity that still carries a retired tag row all the
 * changes it owes, in job order. The lock is the mutual exclusion between the background worker and
 * the batch of a later command of the same entity: whichever locks the entity first applies its
 * fan-out; the other finds nothing left. So the fan-out change of an entity always comes before the
 * change of any command applied after the rename or delete, with the next version.
 */
@Component
public record EntityFanout(FanoutStore fanouts, EntityStore entities, Clock clock) {

    /** The entity changes one job caused, with the context of its command (its events' causation and time). */
    public record JobChanges(CommandContext context, List<Change> changes) {}

    private static final Comparator<EntityRow> ENTITY_ORDER =
            Comparator.comparing(EntityRow::entityType).thenComparing(EntityRow::entityId);

    /** Settles the fan-out the entities of these commands owe, before the commands are applied. */
    public List<JobChanges> settleBefore(List<Command> commands) {
        return settle(commands.stream()
                .filter(command -> !(command instanceof Command.DefineTag))
                .map(EntityBatchTagger::entityOf)
                .map(key -> new EntityRow(key.type(), key.id()))
                .toList());
    }

    /** Settles the fan-out these entities owe; returns the changes by job, oldest job first. */
    public List<JobChanges> settle(Collection<EntityRow> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<FanoutJobRow> jobs = fanouts.jobs();
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<Long, FanoutJobRow> jobsByTag = new HashMap<>();
        jobs.forEach(job -> jobsByTag.put(job.tagId(), job));
        List<EntityRow> rows = keys.stream().distinct().sorted(ENTITY_ORDER).toList();
        LockedEntities locked = entities.lock(rows);
        Map<Long, List<Change>> byJob = new TreeMap<>();
        Map<Long, FanoutJobRow> jobById = new HashMap<>();
        Map<EntityRow, Long> newVersions = new LinkedHashMap<>();
        List<Move> moves = new ArrayList<>();
        List<AssignmentRow> removals = new ArrayList<>();
        for (EntityRow row : rows) {
            PendingEntity pending = PendingEntity.of(
                    new EntityKey(row.entityType(), row.entityId()), locked.version(row), locked.tags(row), jobsByTag);
            if (pending.owesNothing()) {
                continue;
            }
            pending.steps().forEach(step -> {
                jobById.put(step.job().id(), step.job());
                byJob.computeIfAbsent(step.job().id(), id -> new ArrayList<>()).add(step.change());
            });
            newVersions.put(row, pending.version());
            pending.moves().forEach((from, to) -> moves.add(new Move(row, from, to)));
            pending.removals().forEach(tag -> removals.add(new AssignmentRow(row, tag, null)));
        }
        // a moved assignment and a removed one never share a tag: the order of the two writes is free
        entities.write(new EntityWrites(Map.of(), newVersions, removals, List.of(), clock.instant()));
        fanouts.moveAssignments(moves);
        List<JobChanges> changes = new ArrayList<>();
        byJob.forEach((id, list) -> changes.add(new JobChanges(context(jobById.get(id)), list)));
        return changes;
    }

    private static CommandContext context(FanoutJobRow job) {
        return new CommandContext(job.commandId(), job.appliedAt(), job.issuedBy(), job.source(), job.appliedAt());
    }
}
