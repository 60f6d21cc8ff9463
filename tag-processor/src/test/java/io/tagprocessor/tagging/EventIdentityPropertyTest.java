package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.EventIds;
import io.tagprocessor.outbox.OutboxRecords;
import io.tagprocessor.outbox.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Property: an event id names one fact. Generated command logs are spread over partitions (entity
 * commands by entity, tag definitions by tag) and applied twice, each time in another interleaving
 * of the partitions and other batch boundaries, with the real in-memory tagging ({@link EntityWork})
 * and the real outbox rows ({@link OutboxRecords}). Whether a command announces a tag's creation
 * then depends on which partition got there first, exactly the difference a replay sees.
 */
class EventIdentityPropertyTest {

    private static final int SEEDS = 300;
    private static final int COMMANDS = 80;
    private static final int PARTITIONS = 3;
    private static final List<String> SPELLINGS =
            List.of("Red", "red", "RED", "blue", "Blue", "green", "Green", "amber", "cyan", "Cyan", "mauve");

    private final OutboxRecords records = new OutboxRecords(defaults(), (topic, record) -> new byte[0]);

    /** What an id stands for. */
    record Fact(UUID causation, String type, String key) {}

    @Test
    void anIdNeverDenotesAnotherFactWhateverOrderThePartitionsAreAppliedIn() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            List<Logged> log = generate(random);
            Run first = new Run().apply(log, random);
            Run second = new Run().apply(log, random);

            for (Map.Entry<UUID, Fact> entry : first.facts.entrySet()) {
                Fact other = second.facts.get(entry.getKey());
                if (other != null) {
                    assertThat(other).as("seed %d id %s", seed, entry.getKey()).isEqualTo(entry.getValue());
                }
                assertThat(entry.getKey())
                        .as("seed %d", seed)
                        .isEqualTo(EventIds.of(
                                entry.getValue().causation(),
                                entry.getValue().type(),
                                entry.getValue().key()));
            }
            assertThat(second.entityEvents).as("seed %d: entity events", seed).isEqualTo(first.entityEvents);
        }
    }

    @Test
    void aCommandWithTwoEventsOfOneTypeAboutOneSubjectFailsInsteadOfReusingAnId() {
        EntityKey entity = EntityKey.of("article", "1");
        Change change = new Change.EntityTagsChanged(entity, List.of("a"), List.of(), List.of("a"), 1);
        CommandContext context = context(UUID.randomUUID());

        assertThatThrownBy(() -> records.forChanges(context, List.of(change, change)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two EntityTagsChanged events about article:1");
    }

    @Test
    void theSameFactGetsTheSameIdWhateverElseTheCommandDid() {
        CommandContext context = context(UUID.randomUUID());
        EntityKey entity = EntityKey.of("article", "1");
        Change defined = new Change.TagDefined(TagName.parse("Red"), null, null, true, "tag:red");
        Change changed = new Change.EntityTagsChanged(entity, List.of("Red"), List.of(), List.of("Red"), 1);

        UUID alone = records.forChanges(context, List.of(changed)).get(0).eventId();
        UUID afterCreation =
                records.forChanges(context, List.of(defined, changed)).get(1).eventId();

        assertThat(afterCreation).isEqualTo(alone);
    }

    /** One command of the log, with the partition its key sends it to. */
    record Logged(int partition, Command command, CommandContext context) {}

    private static List<Logged> generate(Random random) {
        List<Logged> log = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            EntityKey entity = EntityKey.of("article", "e" + random.nextInt(8));
            Command command = switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> new Command.Assign(entity, tag(random));
                case 4, 5 -> new Command.Unassign(entity, tag(random));
                case 6, 7 -> new Command.ReplaceTags(entity, tags(random));
                case 8 -> new Command.DefineTag(tag(random), "d" + random.nextInt(2), null);
                default -> new Command.DeleteEntity(entity);
            };
            String key =
                    command instanceof Command.DefineTag define ? define.tag().key() : entity.key();
            int partition = Math.floorMod(key.hashCode(), PARTITIONS);
            log.add(new Logged(partition, command, context(new UUID(random.nextLong(), random.nextLong()))));
        }
        return log;
    }

    private static TagName tag(Random random) {
        return TagName.parse(SPELLINGS.get(random.nextInt(SPELLINGS.size())));
    }

    private static Set<TagName> tags(Random random) {
        Set<TagName> tags = new LinkedHashSet<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            tags.add(tag(random));
        }
        return tags;
    }

    private static CommandContext context(UUID id) {
        return new CommandContext(id, Instant.EPOCH, "alice", "cms", Instant.EPOCH);
    }

    /** One application of the log: a simulated store, and every event id it produced. */
    private final class Run {
        final Map<String, TagRow> tags = new HashMap<>();
        final Map<EntityKey, Long> versions = new HashMap<>();
        final Map<EntityKey, List<TagRow>> carried = new HashMap<>();
        final Map<UUID, Fact> facts = new HashMap<>();
        /** Entity event id → its version and normalized tag set: the same in every run. */
        final Map<UUID, String> entityEvents = new HashMap<>();

        Run apply(List<Logged> log, Random random) {
            List<ArrayDeque<Logged>> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new ArrayDeque<>());
            }
            log.forEach(logged -> partitions.get(logged.partition()).add(logged));
            while (partitions.stream().anyMatch(queue -> !queue.isEmpty())) {
                ArrayDeque<Logged> queue = partitions.get(random.nextInt(PARTITIONS));
                List<Logged> batch = new ArrayList<>();
                int size = 1 + random.nextInt(8);
                while (!queue.isEmpty() && batch.size() < size) {
                    batch.add(queue.poll());
                }
                applyBatch(batch);
            }
            return this;
        }

        private void applyBatch(List<Logged> batch) {
            Map<EntityKey, EntityWork> work = new HashMap<>();
            TagBook book = new TagBook(new HashMap<>(tags));
            for (Logged logged : batch) {
                List<Change> changes = changesOf(logged, work, book);
                record(logged.context(), changes);
            }
            for (TagDefinition written : book.pending()) {
                String normalized = written.normalizedName();
                TagRow stored = tags.get(normalized);
                tags.put(
                        normalized,
                        new TagRow(
                                stored == null ? tags.size() + 1 : stored.id(),
                                normalized,
                                written.display(),
                                written.description(),
                                written.color(),
                                stored == null ? "tag:" + normalized : stored.eventKey()));
            }
        }

        private List<Change> changesOf(Logged logged, Map<EntityKey, EntityWork> work, TagBook book) {
            CommandContext context = logged.context();
            Audit audit = new Audit(context.issuedBy(), context.appliedAt(), context.source(), context.commandId());
            if (logged.command() instanceof Command.DefineTag define) {
                return book.define(define, audit) instanceof Outcome.Applied applied ? applied.changes() : List.of();
            }
            EntityKey entity = EntityBatchTagger.entityOf(logged.command());
            EntityWork entityWork = work.computeIfAbsent(
                    entity,
                    key -> new EntityWork(key, versions.getOrDefault(key, 0L), carried.getOrDefault(key, List.of())));
            Outcome outcome = entityWork.apply(logged.command(), audit, book);
            if (!(outcome instanceof Outcome.Applied applied)) {
                return List.of();
            }
            for (Change change : applied.changes()) {
                if (change instanceof Change.EntityTagsChanged c) {
                    store(entity, c.version(), c.tags());
                } else if (change instanceof Change.EntityDeleted c) {
                    store(entity, c.version(), List.of());
                }
            }
            return applied.changes();
        }

        /** The entity's tags as a later batch loads them (tags new in this batch get their ids then). */
        private void store(EntityKey entity, long version, List<String> displays) {
            versions.put(entity, version);
            List<TagRow> rows = new ArrayList<>();
            for (String display : displays) {
                String normalized = TagName.parse(display).normalized();
                TagRow row = tags.get(normalized);
                rows.add(row != null ? row : new TagRow(-1, normalized, display, null, null, "tag:" + normalized));
            }
            carried.put(entity, rows);
        }

        private void record(CommandContext context, List<Change> changes) {
            List<OutboxRow> rows = records.forChanges(context, changes);
            Set<UUID> ofThisCommand = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                OutboxRow row = rows.get(i);
                assertThat(ofThisCommand.add(row.eventId())).isTrue();
                Fact fact = new Fact(
                        context.commandId(), row.eventType(), new String(row.recordKey(), StandardCharsets.UTF_8));
                Fact earlier = facts.putIfAbsent(row.eventId(), fact);
                assertThat(earlier == null || earlier.equals(fact))
                        .as("id %s named %s and %s", row.eventId(), earlier, fact)
                        .isTrue();
                Change change = changes.get(i);
                if (change instanceof Change.EntityTagsChanged c) {
                    entityEvents.put(row.eventId(), c.version() + " " + normalized(c.tags()));
                } else if (change instanceof Change.EntityDeleted c) {
                    entityEvents.put(row.eventId(), c.version() + " deleted");
                }
            }
        }
    }

    private static List<String> normalized(List<String> displays) {
        return displays.stream()
                .map(display -> TagName.parse(display).normalized())
                .sorted()
                .toList();
    }

    private static TagProcessorProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("tag-processor", TagProcessorProperties.class);
    }
}
