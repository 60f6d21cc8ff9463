package io.tagprocessor.chaos.workload;

import io.tagprocessor.avro.command.EntityDeleted;
import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagUnassigned;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates the seeded workload. Tag commands (key {@code tag:<name>}) and entity commands land on
 * different partitions, so the service may apply them in any relative order; the workload is shaped so
 * that the final state does not depend on that order:
 *
 * <ul>
 *   <li>phase 0 defines every pool tag and lifecycle tag; pool tags are never renamed or deleted, so
 *       load phases may spell them any way that normalizes alike and may redefine them (always with a
 *       description, so a define is never a no-op merely because an assignment created the tag first);
 *   <li>load phases change entities (every entity command type) and redefine pool tags;
 *   <li>renames and deletions of lifecycle tags happen only between two load phases, after the
 *       service processed everything before, each in a phase of its own: two renames of different
 *       tags (different keys) that one entity carries would otherwise give that entity its two new
 *       versions in either order.
 * </ul>
 *
 * Within a phase the only cross-key effect left is which command creates a new tag first, and every
 * writer uses the same spelling for a tag that may not exist yet.
 */
public final class Workload {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] ACTORS = {"alice", "bob", "svc-cms", "svc-search", "ops"};
    private static final int AFFINITY = 8;
    private static final int FRESH_PER_EPOCH = 20;

    private final WorkloadShape shape;
    private final Random random;
    private final List<Planned> originals = new ArrayList<>();
    private final int[][] affinity;
    private final int[][] entityLifecycle;
    private final String[] lifecycleName;
    private final Map<Integer, String[]> lastDefinition = new HashMap<>();
    private final Invalids invalids;
    private int seq;
    private int envelopes;

    private Workload(WorkloadShape shape) {
        this.shape = shape;
        this.random = new Random(shape.seed());
        this.affinity = new int[shape.entities()][AFFINITY];
        this.entityLifecycle = new int[shape.entities()][2];
        this.lifecycleName = new String[shape.lifecycleTags()];
        for (int e = 0; e < shape.entities(); e++) {
            for (int k = 0; k < AFFINITY; k++) {
                affinity[e][k] = random.nextInt(shape.poolTags());
            }
            entityLifecycle[e][0] = random.nextInt(shape.lifecycleTags());
            entityLifecycle[e][1] = random.nextInt(shape.lifecycleTags());
        }
        for (int l = 0; l < shape.lifecycleTags(); l++) {
            lifecycleName[l] = Names.lifecycleTag(l);
        }
        this.invalids = new Invalids(this);
    }

    public static List<Phase> generate(WorkloadShape shape) {
        return new Workload(shape).phases();
    }

    private List<Phase> phases() {
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase(0, "definitions", definitions()));
        int perEpoch = shape.commands() / shape.epochs();
        for (int epoch = 1; epoch <= shape.epochs(); epoch++) {
            int count = epoch == shape.epochs() ? shape.commands() - perEpoch * (shape.epochs() - 1) : perEpoch;
            phases.add(new Phase(phases.size(), "load-" + epoch, load(phases.size(), epoch, count)));
            if (epoch < shape.epochs()) {
                TagLifecycle.plan(this, phases, epoch, lifecycleName);
            }
        }
        return phases;
    }

    private List<Planned> definitions() {
        List<Planned> records = new ArrayList<>();
        for (int n = 0; n < shape.poolTags(); n++) {
            String name = Names.poolTag(n);
            String[] values = {"pool tag " + n, color()};
            lastDefinition.put(n, values);
            records.add(original(0, Names.tagKey(name), new TagDefined(name, values[0], values[1])));
        }
        for (int l = 0; l < shape.lifecycleTags(); l++) {
            records.add(original(
                    0, Names.tagKey(lifecycleName[l]), new TagDefined(lifecycleName[l], "lifecycle " + l, null)));
        }
        return records;
    }

    private List<Planned> load(int phase, int epoch, int count) {
        List<Planned> records = new ArrayList<>(count);
        if (epoch == 1) {
            invalids.crowd(phase, records);
        }
        while (records.size() < count) {
            double r = random.nextDouble();
            if (r < shape.duplicateRate() && originals.size() > 10) {
                records.add(Planned.resendOf(++seq, phase, resendCandidate()));
            } else if (r < shape.duplicateRate() + shape.garbageRate()) {
                Garbage kind = Garbage.values()[random.nextInt(Garbage.values().length)];
                records.add(Planned.garbage(++seq, phase, Names.entityKey(entity()), kind));
            } else if (r < shape.duplicateRate() + shape.garbageRate() + shape.invalidRate()) {
                records.add(invalids.next(phase));
            } else {
                records.add(valid(phase, epoch));
            }
        }
        return records;
    }

    private Planned valid(int phase, int epoch) {
        int e = entity();
        String type = Names.entityType(e);
        String id = Names.entityId(e);
        String key = Names.entityKey(e);
        double op = random.nextDouble();
        if (op < 0.45) {
            return original(phase, key, new TagAssigned(type, id, tagFor(e, epoch)));
        }
        if (op < 0.67) {
            return original(phase, key, new TagUnassigned(type, id, tagFor(e, epoch)));
        }
        if (op < 0.80) {
            List<String> tags = new ArrayList<>();
            int size = random.nextInt(7);
            for (int i = 0; i < size; i++) {
                tags.add(tagFor(e, epoch));
            }
            if (size > 0 && random.nextInt(10) == 0) {
                tags.add(Names.variant(Names.poolTag(affinity[e][0]), random));
            }
            return original(phase, key, new EntityTagsReplaced(type, id, tags));
        }
        if (op < 0.90) {
            return define(phase);
        }
        if (op < 0.93) {
            return original(phase, key, new EntityDeleted(type, id));
        }
        String extra = random.nextBoolean()
                ? lifecycleName[random.nextInt(shape.lifecycleTags())]
                : Names.freshTag(epoch, random.nextInt(FRESH_PER_EPOCH));
        return original(phase, key, new TagAssigned(type, id, extra));
    }

    /** Redefines a pool tag; sometimes with its current values, which must be a no-op. */
    private Planned define(int phase) {
        int n = random.nextInt(shape.poolTags());
        String name = random.nextInt(4) == 0 ? Names.variant(Names.poolTag(n), random) : Names.poolTag(n);
        String[] values = lastDefinition.get(n);
        if (random.nextInt(6) != 0) {
            values = new String[] {"described at " + (seq + 1), random.nextBoolean() ? color() : null};
            lastDefinition.put(n, values);
        }
        return original(phase, Names.tagKey(Names.poolTag(n)), new TagDefined(name, values[0], values[1]));
    }

    /** Pool tags in any spelling; lifecycle and fresh tags (which may not exist yet) only as written first. */
    private String tagFor(int e, int epoch) {
        double r = random.nextDouble();
        if (r < 0.70) {
            return spelled(affinity[e][random.nextInt(AFFINITY)]);
        }
        if (r < 0.82) {
            return lifecycleName[entityLifecycle[e][random.nextInt(2)]];
        }
        if (r < 0.95) {
            return spelled(random.nextInt(shape.poolTags()));
        }
        return Names.freshTag(epoch, random.nextInt(FRESH_PER_EPOCH));
    }

    private String spelled(int poolTag) {
        String canonical = Names.poolTag(poolTag);
        return random.nextInt(4) == 0 ? Names.variant(canonical, random) : canonical;
    }

    private Planned resendCandidate() {
        int size = originals.size();
        int index = random.nextInt(10) < 7 ? size - 1 - random.nextInt(Math.min(300, size)) : random.nextInt(size);
        return originals.get(index);
    }

    private int entity() {
        int hot = Math.max(1, shape.entities() / 20);
        return random.nextInt(5) == 0 ? random.nextInt(hot) : random.nextInt(shape.entities());
    }

    String color() {
        return random.nextBoolean() ? "#%06X".formatted(random.nextInt(0x1000000)) : null;
    }

    Planned original(int phase, String key, Object payload) {
        Planned planned = Planned.command(++seq, phase, key, envelope(payload));
        originals.add(planned);
        return planned;
    }

    Planned invalid(int phase, String key, Object payload, String reason) {
        return invalid(phase, key, envelope(payload), reason);
    }

    Planned invalid(int phase, String key, TagCommand command, String reason) {
        Planned planned = Planned.invalid(++seq, phase, key, command, reason);
        originals.add(planned);
        return planned;
    }

    /** A command envelope with a deterministic id and timestamp derived from the seed and sequence. */
    TagCommand envelope(Object payload) {
        int n = ++envelopes;
        UUID id = UUID.nameUUIDFromBytes(("chaos/" + shape.seed() + "/" + n).getBytes(StandardCharsets.UTF_8));
        String correlation = random.nextBoolean() ? "corr-" + n : null;
        return new TagCommand(
                id, EPOCH.plusMillis(n), ACTORS[random.nextInt(ACTORS.length)], "chaos", correlation, payload);
    }

    Random random() {
        return random;
    }

    WorkloadShape shape() {
        return shape;
    }

    int randomEntity() {
        return entity();
    }
}
