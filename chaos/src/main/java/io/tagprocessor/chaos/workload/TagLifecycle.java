package io.tagprocessor.chaos.workload;

import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagDeleted;
import io.tagprocessor.avro.command.TagRenamed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The tag-lifecycle phases between two load phases (see {@link Workload} for why they are phases of their own). */
final class TagLifecycle {

    private TagLifecycle() {}

    /**
     * Renames, case-only renames, deletions and redefinitions of lifecycle tags, and refused ones. What
     * cannot touch an entity goes into one phase; every rename or deletion that may gets a phase of its own.
     */
    static void plan(Workload workload, List<Phase> phases, int epoch, String[] lifecycleName) {
        Random random = workload.random();
        WorkloadShape shape = workload.shape();
        List<Planned> harmless = new ArrayList<>();
        int first = phases.size();
        phases.add(new Phase(first, "tag-lifecycle-" + epoch, harmless));
        for (int l = 0; l < shape.lifecycleTags(); l++) {
            String current = lifecycleName[l];
            String key = Names.tagKey(current);
            double r = random.nextDouble();
            if (r < 0.30) {
                String renamed = "Life-%02d-r%d".formatted(l, epoch);
                alone(workload, phases, epoch, key, new TagRenamed(current, renamed));
                lifecycleName[l] = renamed;
            } else if (r < 0.40) {
                String other = current.equals(current.toUpperCase(Locale.ROOT))
                        ? current.toLowerCase(Locale.ROOT)
                        : current.toUpperCase(Locale.ROOT);
                alone(workload, phases, epoch, key, new TagRenamed(current, other));
                lifecycleName[l] = other;
            } else if (r < 0.55) {
                alone(workload, phases, epoch, key, new TagDeleted(current));
            } else if (r < 0.65) {
                harmless.add(workload.original(
                        first, key, new TagDefined(current, "lifecycle " + l + " in " + epoch, workload.color())));
            } else if (r < 0.72) {
                String taken = Names.poolTag(random.nextInt(shape.poolTags()));
                harmless.add(workload.original(first, key, new TagRenamed(current, taken)));
            }
        }
        String ghost = "Ghost-" + epoch;
        harmless.add(workload.original(first, Names.tagKey(ghost), new TagRenamed(ghost, ghost + "-renamed")));
        harmless.add(workload.original(first, Names.tagKey(ghost), new TagDeleted(ghost)));
    }

    private static void alone(Workload workload, List<Phase> phases, int epoch, String key, Object payload) {
        int index = phases.size();
        phases.add(new Phase(
                index, "tag-lifecycle-" + epoch + "-" + index, List.of(workload.original(index, key, payload))));
    }
}
