package io.tagprocessor.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fan-out one entity still owes: for every assignment on a retired tag row, the chain of jobs
 * from that row to the live row its tag became (or to its deletion); all of them in job order, one
 * change and one version each, every change showing the entity's tags as they were named at that
 * job (a row keeps its name, so a retired row shows the name before its rename). Pure.
 */
final class PendingEntity {

    /** One job's change of this entity. */
    record Step(FanoutJobRow job, Change.EntityTagsChanged change) {}

    private final List<Step> steps = new ArrayList<>();
    private final Map<Long, Long> moves = new TreeMap<>();
    private final List<Long> removals = new ArrayList<>();
    private final long version;

    private PendingEntity(EntityKey key, long storedVersion, List<TagRow> carried, Map<Long, FanoutJobRow> jobsByTag) {
        Map<String, String> names = new TreeMap<>();
        TreeMap<Long, FanoutJobRow> pending = new TreeMap<>();
        for (TagRow tag : carried) {
            names.put(tag.normalizedName(), tag.displayName());
            Long end = tag.id();
            FanoutJobRow job;
            while (end != null && (job = jobsByTag.get(end)) != null) {
                pending.put(job.id(), job);
                end = job.successorId();
            }
            if (end == null) {
                removals.add(tag.id());
            } else if (end != tag.id()) {
                moves.put(tag.id(), end);
            }
        }
        long next = storedVersion;
        for (FanoutJobRow job : pending.values()) {
            next++;
            names.remove(job.oldNormalized());
            List<String> added = List.of();
            if (!job.deletes()) {
                names.put(job.newNormalized(), job.newDisplay());
                added = List.of(job.newDisplay());
            }
            steps.add(new Step(
                    job,
                    new Change.EntityTagsChanged(
                            key, added, List.of(job.oldDisplay()), List.copyOf(names.values()), next)));
        }
        this.version = next;
    }

    static PendingEntity of(
            EntityKey key, long storedVersion, List<TagRow> carried, Map<Long, FanoutJobRow> jobsByTag) {
        return new PendingEntity(key, storedVersion, carried, jobsByTag);
    }

    boolean owesNothing() {
        return steps.isEmpty();
    }

    List<Step> steps() {
        return steps;
    }

    /** Retired row id → the live row id the assignment moves to. */
    Map<Long, Long> moves() {
        return moves;
    }

    /** Retired row ids whose tag was deleted: the assignment goes. */
    List<Long> removals() {
        return removals;
    }

    long version() {
        return version;
    }
}
