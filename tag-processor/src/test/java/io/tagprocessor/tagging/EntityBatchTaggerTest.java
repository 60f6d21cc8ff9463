package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A batch applied as a set gives each command the outcome one-at-a-time application would give, and
 * writes the result with one call per kind: checked against in-memory stores.
 */
class EntityBatchTaggerTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final EntityKey ORDER = new EntityKey("order", "42");
    private static final EntityKey CUSTOMER = new EntityKey("customer", "7");
    private static final EntityRow ORDER_ROW = new EntityRow("order", "42");
    private static final EntityRow CUSTOMER_ROW = new EntityRow("customer", "7");
    private static final TagRow VIP = new TagRow(7, "vip", "VIP", null, null, "tag:vip");

    private final Entities entities = new Entities();
    private final Tags tags = new Tags();
    private final EntityBatchTagger tagger = new EntityBatchTagger(entities, tags);

    @Test
    void appliesEachCommandInOrderAndWritesOncePerKind() {
        tags.stored.put("vip", VIP);
        entities.versions.put(ORDER_ROW, 3L);
        entities.carried.put(ORDER_ROW, List.of(VIP));

        List<Outcome> outcomes = apply(
                new Command.Assign(ORDER, TagName.parse("Gold")),
                new Command.Assign(CUSTOMER, TagName.parse("vip")),
                new Command.Unassign(ORDER, TagName.parse("VIP")),
                new Command.Assign(CUSTOMER, TagName.parse("vip")));

        assertThat(changes(outcomes.get(0)))
                .containsExactly(
                        new Change.TagDefined(TagName.parse("Gold"), null, null, true, "tag:gold"),
                        new Change.EntityTagsChanged(ORDER, List.of("Gold"), List.of(), List.of("Gold", "VIP"), 4));
        assertThat(changes(outcomes.get(1)))
                .containsExactly(new Change.EntityTagsChanged(CUSTOMER, List.of("VIP"), List.of(), List.of("VIP"), 1));
        assertThat(changes(outcomes.get(2)))
                .containsExactly(new Change.EntityTagsChanged(ORDER, List.of(), List.of("VIP"), List.of("Gold"), 5));
        assertThat(outcomes.get(3)).isInstanceOf(Outcome.NoEffect.class);

        long gold = tags.stored.get("gold").id();
        assertThat(entities.locked).containsExactly(List.of(CUSTOMER_ROW, ORDER_ROW));
        assertThat(entities.created).containsExactly(Map.of(CUSTOMER_ROW, 1L));
        assertThat(entities.saved).containsExactly(Map.of(ORDER_ROW, 5L));
        assertThat(entities.unassigned)
                .singleElement()
                .satisfies(rows -> assertThat(rows).containsExactly(new AssignmentRow(ORDER_ROW, 7, null)));
        assertThat(entities.assigned)
                .singleElement()
                .satisfies(rows -> assertThat(rows)
                        .extracting(AssignmentRow::entity, AssignmentRow::tagId)
                        .containsExactlyInAnyOrder(tuple(ORDER_ROW, gold), tuple(CUSTOMER_ROW, 7L)));
    }

    @Test
    void aTagDefinedThenAssignedInOneBatchIsCreatedOnceWithItsDefinition() {
        List<Outcome> outcomes = apply(
                new Command.DefineTag(TagName.parse("Gold"), "shiny", "#FFD700"),
                new Command.Assign(ORDER, TagName.parse("gold")));

        assertThat(changes(outcomes.get(0)))
                .containsExactly(new Change.TagDefined(TagName.parse("Gold"), "shiny", "#FFD700", true, "tag:gold"));
        assertThat(changes(outcomes.get(1)))
                .containsExactly(new Change.EntityTagsChanged(ORDER, List.of("Gold"), List.of(), List.of("Gold"), 1));
        assertThat(tags.inserted)
                .singleElement()
                .satisfies(batch -> assertThat(batch)
                        .singleElement()
                        .satisfies(tag -> assertThat(tag.description()).isEqualTo("shiny")));
    }

    @Test
    void aTagAnotherBatchCreatedFirstIsUsedAndNotAnnouncedAsCreatedAgain() {
        tags.createdConcurrently.put("gold", new TagRow(50, "gold", "gold", null, null, "tag:gold"));

        List<Outcome> outcomes = apply(new Command.Assign(ORDER, TagName.parse("gold")));

        assertThat(changes(outcomes.get(0)))
                .containsExactly(new Change.EntityTagsChanged(ORDER, List.of("gold"), List.of(), List.of("gold"), 1));
        assertThat(entities.assigned)
                .singleElement()
                .satisfies(rows ->
                        assertThat(rows).extracting(AssignmentRow::tagId).containsExactly(50L));
    }

    @Test
    void aBatchWithoutEffectWritesNoVersionsAndNoAssignments() {
        tags.stored.put("vip", VIP);
        entities.versions.put(ORDER_ROW, 3L);
        entities.carried.put(ORDER_ROW, List.of(VIP));

        List<Outcome> outcomes =
                apply(new Command.Assign(ORDER, TagName.parse("vip")), new Command.DeleteEntity(CUSTOMER));

        assertThat(outcomes).allMatch(Outcome.NoEffect.class::isInstance);
        assertThat(entities.created).containsExactly(Map.of());
        assertThat(entities.saved).containsExactly(Map.of());
        assertThat(entities.assigned).containsExactly(List.of());
    }

    private List<Outcome> apply(Command... commands) {
        List<CommandContext> contexts = IntStream.range(0, commands.length)
                .mapToObj(i -> new CommandContext(UUID.randomUUID(), AT, "alice", "crm", AT))
                .toList();
        return tagger.apply(List.of(commands), contexts);
    }

    private static List<Change> changes(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return ((Outcome.Applied) outcome).changes();
    }

    /** Entities as the store keeps them, and every write the batch asked for. */
    private static final class Entities implements EntityStore {
        final Map<EntityRow, Long> versions = new HashMap<>();
        final Map<EntityRow, List<TagRow>> carried = new HashMap<>();
        final List<List<EntityRow>> locked = new ArrayList<>();
        final List<Map<EntityRow, Long>> created = new ArrayList<>();
        final List<Map<EntityRow, Long>> saved = new ArrayList<>();
        final List<List<AssignmentRow>> unassigned = new ArrayList<>();
        final List<List<AssignmentRow>> assigned = new ArrayList<>();

        @Override
        public LockedEntities lock(Collection<EntityRow> entities) {
            locked.add(List.copyOf(entities));
            Map<EntityRow, Long> found = new HashMap<>();
            entities.stream().filter(versions::containsKey).forEach(row -> found.put(row, versions.get(row)));
            Map<EntityRow, List<TagRow>> tags = new HashMap<>();
            entities.stream().filter(carried::containsKey).forEach(row -> tags.put(row, carried.get(row)));
            return new LockedEntities(found, tags);
        }

        @Override
        public void write(EntityWrites writes) {
            created.add(writes.firstVersions());
            saved.add(writes.nextVersions());
            unassigned.add(writes.removed());
            assigned.add(writes.added());
        }
    }

    /** Tags as the store keeps them; a name in {@code createdConcurrently} is taken by another batch at insert time. */
    private static final class Tags implements TagStore {
        final Map<String, TagRow> stored = new HashMap<>();
        final Map<String, TagRow> createdConcurrently = new HashMap<>();
        final List<List<TagDefinition>> inserted = new ArrayList<>();
        private long nextId = 100;

        @Override
        public Map<String, TagRow> findAll(Collection<String> normalizedNames) {
            Map<String, TagRow> found = new HashMap<>();
            normalizedNames.stream().filter(stored::containsKey).forEach(name -> found.put(name, stored.get(name)));
            return found;
        }

        @Override
        public Map<String, TagRow> insertAllIfAbsent(List<TagDefinition> definitions) {
            inserted.add(List.copyOf(definitions));
            stored.putAll(createdConcurrently);
            Map<String, TagRow> fresh = new HashMap<>();
            for (TagDefinition tag : definitions) {
                if (!stored.containsKey(tag.normalizedName())) {
                    TagRow row = new TagRow(
                            nextId++,
                            tag.normalizedName(),
                            tag.display(),
                            tag.description(),
                            tag.color(),
                            "tag:" + tag.normalizedName());
                    stored.put(tag.normalizedName(), row);
                    fresh.put(tag.normalizedName(), row);
                }
            }
            return fresh;
        }

        @Override
        public void redefine(List<TagDefinition> definitions) {}

        @Override
        public Optional<TagRow> findForShare(String normalizedName) {
            return Optional.ofNullable(stored.get(normalizedName));
        }

        @Override
        public Optional<TagRow> findForUpdate(String normalizedName) {
            return Optional.ofNullable(stored.get(normalizedName));
        }

        @Override
        public void rename(long id, String normalizedName, String displayName, Audit audit) {}

        @Override
        public void delete(long id) {}
    }
}
