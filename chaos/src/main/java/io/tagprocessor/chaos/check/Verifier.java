package io.tagprocessor.chaos.check;

import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.rejection.CommandRejected;
import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.chaos.check.Findings.Kind;
import io.tagprocessor.chaos.model.EntityModel;
import io.tagprocessor.chaos.model.Expected;
import io.tagprocessor.chaos.model.LoggedRecord;
import io.tagprocessor.chaos.model.Model;
import io.tagprocessor.chaos.model.TagModel;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.TopicReader;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Compares what the service produced (database, events, state, rejections, dead letters) with the
 * model, classifying every difference as lost, doubled, a state, outcome or event mismatch, or an
 * order violation.
 */
public final class Verifier {

    private static final ServiceTopics TOPICS = ServiceTopics.defaults();

    private final Model model;
    private final DatabaseState database;
    private final Findings findings = new Findings();
    private final EventCheck eventCheck;
    private final ConfluentAvroDeserializer<EntityTagState> states;
    private final ConfluentAvroDeserializer<CommandRejected> rejections;

    public Verifier(Model model, DatabaseState database, SchemaRegistry registry) {
        this.model = model;
        this.database = database;
        this.eventCheck = new EventCheck(model, findings, new ConfluentAvroDeserializer<>(registry, TagEvent.class));
        this.states = new ConfluentAvroDeserializer<>(registry, EntityTagState.class);
        this.rejections = new ConfluentAvroDeserializer<>(registry, CommandRejected.class);
    }

    public Findings findings() {
        return findings;
    }

    public int eventCount() {
        return eventCheck.eventCount();
    }

    public int redeliveredEvents() {
        return eventCheck.redelivered();
    }

    public void checkClaims() {
        model.claims().forEach((key, expected) -> {
            DatabaseState.Claim claim = database.claims().get(key);
            if (claim == null) {
                findings.add(Kind.LOST, "no processed_events row for " + describe(expected));
                return;
            }
            boolean reasonMatters = Expected.REJECTED.equals(expected.outcome());
            if (!expected.outcome().equals(claim.outcome())
                    || (reasonMatters && !Objects.equals(expected.reason(), claim.reason()))
                    || expected.partition() != claim.partition()
                    || expected.offset() != claim.offset()) {
                findings.add(
                        Kind.OUTCOME_MISMATCH,
                        describe(expected) + " but processed_events has " + claim.outcome() + "/" + claim.reason()
                                + " at " + claim.partition() + "/" + claim.offset());
            }
        });
        database.claims().keySet().stream()
                .filter(key -> !model.claims().containsKey(key))
                .forEach(key -> findings.add(Kind.DOUBLED, "processed_events row nobody sent: " + key));
    }

    public void checkState() {
        model.tags().forEach((normalized, tag) -> {
            DatabaseState.TagRow row = database.tags().get(normalized);
            if (row == null) {
                findings.add(Kind.STATE_MISMATCH, "tag missing: " + normalized);
            } else if (!tag.display().equals(row.display())
                    || !Objects.equals(tag.description(), row.description())
                    || !Objects.equals(tag.color(), row.color())) {
                findings.add(
                        Kind.STATE_MISMATCH,
                        "tag " + normalized + ": expected " + describe(tag) + ", found " + row.display() + "/"
                                + row.description() + "/" + row.color());
            }
        });
        database.tags().keySet().stream()
                .filter(n -> !model.tags().containsKey(n))
                .forEach(n -> findings.add(Kind.STATE_MISMATCH, "tag that should not exist: " + n));
        Set<String> keys = new TreeSet<>(database.versions().keySet());
        model.entities().values().stream().filter(e -> e.version() > 0).forEach(e -> keys.add(e.key()));
        for (String key : keys) {
            EntityModel entity = model.entities().get(key);
            long expected = entity == null ? 0 : entity.version();
            long found = database.versions().getOrDefault(key, 0L);
            if (found > expected) {
                findings.add(Kind.DOUBLED, key + " at version " + found + ", expected " + expected);
            } else if (found < expected) {
                findings.add(Kind.LOST, key + " at version " + found + ", expected " + expected);
            }
            Map<String, String> expectedTags = entity == null ? Map.of() : entity.assignments();
            Map<String, String> foundTags = database.assignments().getOrDefault(key, Map.of());
            if (!expectedTags.equals(foundTags)) {
                findings.add(Kind.STATE_MISMATCH, key + " tags " + foundTags + ", expected " + expectedTags);
            }
        }
    }

    /** Every event published once in content, caused by an applied command, each entity's versions in order. */
    public void checkEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        eventCheck.check(records);
    }

    /** The last record of each key on the compacted topic against the entity's row. */
    public void checkEntityState(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, ConsumerRecord<byte[], byte[]>> last = new HashMap<>();
        inOrder(records).forEach(record -> last.put(TopicReader.key(record), record));
        Set<String> keys = new TreeSet<>(last.keySet());
        keys.addAll(database.assignments().keySet());
        for (String key : keys) {
            Map<String, String> assigned = database.assignments().getOrDefault(key, Map.of());
            ConsumerRecord<byte[], byte[]> record = last.get(key);
            EntityTagState state = record == null ? null : states.deserialize(TOPICS.entityState(), record.value());
            if (assigned.isEmpty()) {
                if (state != null) {
                    findings.add(
                            Kind.STATE_MISMATCH,
                            key + " has no tags but its state record says " + state.getTags() + " v"
                                    + state.getVersion());
                }
                continue;
            }
            Set<String> names = new TreeSet<>();
            assigned.values().forEach(v -> names.add(v.substring(0, v.lastIndexOf('|'))));
            long version = database.versions().getOrDefault(key, 0L);
            if (state == null || !names.equals(new TreeSet<>(state.getTags())) || state.getVersion() != version) {
                findings.add(
                        Kind.STATE_MISMATCH,
                        key + " is " + names + " v" + version + " but its state record is "
                                + (state == null
                                        ? "missing or a tombstone"
                                        : state.getTags() + " v" + state.getVersion()));
            }
        }
    }

    public void checkRejections(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Set<String>> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            CommandRejected rejected = rejections.deserialize(TOPICS.rejections(), record.value());
            reasons.computeIfAbsent(rejected.getCommandId(), k -> new HashSet<>())
                    .add(rejected.getReason());
        }
        model.claims().values().stream()
                .filter(e -> Expected.REJECTED.equals(e.outcome()))
                .filter(e -> !reasons.getOrDefault(e.claimKey(), Set.of()).contains(e.reason()))
                .forEach(e -> findings.add(Kind.LOST, "no CommandRejected for " + describe(e)));
        reasons.keySet().stream()
                .filter(id -> {
                    Expected e = model.claims().get(id);
                    return e == null || !Expected.REJECTED.equals(e.outcome());
                })
                .forEach(id -> findings.add(Kind.DOUBLED, "CommandRejected for " + id + " which was not refused"));
    }

    public void checkDeadLetters(List<ConsumerRecord<byte[], byte[]>> records, List<LoggedRecord> log) {
        Map<String, byte[]> originals = new HashMap<>();
        log.forEach(r -> originals.put(r.identity(), r.value()));
        Map<String, ConsumerRecord<byte[], byte[]>> byPosition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String position = TopicReader.header(record, "dlt_original_topic") + "/"
                    + TopicReader.header(record, "dlt_original_partition") + "/"
                    + TopicReader.header(record, "dlt_original_offset") + "/"
                    + TopicReader.header(record, "dlt_original_timestamp");
            byPosition.putIfAbsent(position, record);
        }
        model.claims().values().stream()
                .filter(e -> Expected.DEAD_LETTERED.equals(e.outcome()))
                .forEach(e -> {
                    ConsumerRecord<byte[], byte[]> letter = byPosition.get(e.claimKey());
                    if (letter == null) {
                        findings.add(Kind.LOST, "no dead letter for " + e.claimKey());
                    } else if (!Arrays.equals(letter.value(), originals.get(e.claimKey()))) {
                        findings.add(
                                Kind.OUTCOME_MISMATCH,
                                "dead letter for " + e.claimKey() + " differs from the original bytes");
                    }
                });
        byPosition.keySet().stream()
                .filter(p -> {
                    Expected e = model.claims().get(p);
                    return e == null || !Expected.DEAD_LETTERED.equals(e.outcome());
                })
                .forEach(p -> findings.add(Kind.DOUBLED, "dead letter for " + p + " which needed none"));
    }

    static List<ConsumerRecord<byte[], byte[]>> inOrder(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .sorted(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .toList();
    }

    private static String describe(Expected e) {
        return e.claimKey() + " (expected " + e.outcome() + (e.reason() == null ? "" : "/" + e.reason()) + " at "
                + e.partition() + "/" + e.offset() + ")";
    }

    private static String describe(TagModel tag) {
        return tag.display() + "/" + tag.description() + "/" + tag.color();
    }
}
