package io.tagprocessor.benchmark.workload;

import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagUnassigned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Generates the command mix and simulates its effect as it goes: 60 % assign, 34 % unassign
 * (mostly of a tag the entity has), 5 % replace (0-5 tags), 1 % tag definitions, over 10,000
 * entities and 1,000 tags with a few popular tags. One entity's commands share a key, hence a
 * partition and an order, so the simulation predicts exactly which commands change something;
 * a definition always carries a new description, so it always changes something. Seeded, so a
 * run is repeatable; one instance continues where it stopped (the latency phase follows the backlog).
 */
public final class Workload {

    public static final int ENTITIES = 10_000;
    public static final int TAGS = 1_000;
    static final String ENTITY_TYPE = "product";
    private static final int MAX_TAGS_PER_ENTITY = 100;
    private static final int MAX_REPLACE_TAGS = 5;

    private final Random random;
    private final List<List<String>> tagsOf = new ArrayList<>(ENTITIES);
    private final long[] versions = new long[ENTITIES];
    private final Set<String> knownTags = new HashSet<>();
    private long definitions;

    public Workload(long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < ENTITIES; i++) {
            tagsOf.add(new ArrayList<>());
        }
    }

    public List<GeneratedCommand> next(int count) {
        List<GeneratedCommand> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            commands.add(next());
        }
        return commands;
    }

    public GeneratedCommand next() {
        double roll = random.nextDouble();
        if (roll < 0.01) {
            return define();
        }
        int entity = random.nextInt(ENTITIES);
        if (roll < 0.06) {
            return replace(entity);
        }
        if (roll < 0.40) {
            return unassign(entity);
        }
        return assign(entity);
    }

    private GeneratedCommand assign(int entity) {
        String tag = popularTag();
        List<String> current = tagsOf.get(entity);
        TagCommand command = envelope(new TagAssigned(ENTITY_TYPE, entityId(entity), tag));
        if (current.contains(tag) || current.size() >= MAX_TAGS_PER_ENTITY) {
            return new GeneratedCommand(entityKey(entity), command, null);
        }
        Set<String> after = new TreeSet<>(current);
        after.add(tag);
        return changed(entity, command, after);
    }

    private GeneratedCommand unassign(int entity) {
        List<String> current = tagsOf.get(entity);
        boolean present = !current.isEmpty() && random.nextDouble() < 0.85;
        String tag = present ? current.get(random.nextInt(current.size())) : popularTag();
        TagCommand command = envelope(new TagUnassigned(ENTITY_TYPE, entityId(entity), tag));
        if (!current.contains(tag)) {
            return new GeneratedCommand(entityKey(entity), command, null);
        }
        Set<String> after = new TreeSet<>(current);
        after.remove(tag);
        return changed(entity, command, after);
    }

    private GeneratedCommand replace(int entity) {
        Set<String> after = new TreeSet<>();
        int size = random.nextInt(MAX_REPLACE_TAGS + 1);
        while (after.size() < size) {
            after.add(popularTag());
        }
        TagCommand command = envelope(new EntityTagsReplaced(ENTITY_TYPE, entityId(entity), List.copyOf(after)));
        if (after.equals(new TreeSet<>(tagsOf.get(entity)))) {
            return new GeneratedCommand(entityKey(entity), command, null);
        }
        return changed(entity, command, after);
    }

    private GeneratedCommand define() {
        String tag = tagName(random.nextInt(TAGS));
        definitions++;
        String color = String.format(Locale.ROOT, "#%06X", random.nextInt(0x1000000));
        TagCommand command = envelope(new TagDefined(tag, "benchmark definition " + definitions, color));
        List<String> created = knownTags.add(tag) ? List.of(tag) : List.of();
        return new GeneratedCommand(
                "tag:" + tag, command, new Effect(null, null, List.of(), List.of(), List.of(), 0, created));
    }

    private GeneratedCommand changed(int entity, TagCommand command, Set<String> after) {
        List<String> before = tagsOf.get(entity);
        List<String> added = after.stream().filter(t -> !before.contains(t)).toList();
        List<String> removed = before.stream().filter(t -> !after.contains(t)).toList();
        List<String> created = added.stream().filter(knownTags::add).toList();
        tagsOf.set(entity, new ArrayList<>(after));
        versions[entity]++;
        Effect effect = new Effect(
                ENTITY_TYPE, entityId(entity), added, removed, List.copyOf(after), versions[entity], created);
        return new GeneratedCommand(entityKey(entity), command, effect);
    }

    /** Skewed towards low numbers: tag-0000 is the most popular, about 3 % of all picks. */
    private String popularTag() {
        double u = random.nextDouble();
        return tagName((int) (TAGS * u * u));
    }

    private TagCommand envelope(Object payload) {
        UUID id = new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        return new TagCommand(id, Instant.now(), "benchmark", "benchmark", null, payload);
    }

    static String tagName(int index) {
        return String.format(Locale.ROOT, "tag-%04d", index);
    }

    static String entityId(int index) {
        return String.format(Locale.ROOT, "p-%05d", index);
    }

    private static String entityKey(int index) {
        return ENTITY_TYPE + ":" + entityId(index);
    }
}
