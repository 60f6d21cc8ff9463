package io.tagprocessor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 4: backend connections killed with {@code pg_terminate_backend} while commands flow
 * lose nothing and double nothing; the state equals a model computed from the commands sent.
 */
class DatabaseConnectionLossIT extends PipelineTestSupport {

    private static final String KILL_OTHER_BACKENDS = """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """;

    @Test
    void killedConnectionsMidStreamLoseAndDoubleNothing() {
        Random random = new Random(42);
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entities.add(unique("kill" + i));
        }
        List<String> tags = List.of(unique("k-a"), unique("k-b"), unique("k-c"), unique("k-d"));
        Map<String, Set<String>> model = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        List<Commands.Keyed> commands = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String entity = entities.get(random.nextInt(entities.size()));
            String tag = tags.get(random.nextInt(tags.size()));
            Set<String> current = model.computeIfAbsent(entity, e -> new TreeSet<>());
            boolean add = random.nextBoolean();
            commands.add(add ? Commands.assign("article", entity, tag) : Commands.unassign("article", entity, tag));
            if (add ? current.add(tag) : current.remove(tag)) {
                versions.merge(entity, 1L, Long::sum);
            }
        }

        AtomicInteger killed = new AtomicInteger();
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        killer.scheduleWithFixedDelay(() -> killed.addAndGet(killOtherBackends()), 50, 150, TimeUnit.MILLISECONDS);
        try (TopicProbe events = probe(properties.topics().events())) {
            for (int from = 0; from < commands.size(); from += 50) {
                send(commands.subList(from, from + 50).toArray(Commands.Keyed[]::new));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> killed.get() >= 10);
            killer.shutdownNow();

            await().atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(processedCount(commands)).isEqualTo(commands.size()));
            for (String entity : entities) {
                assertThat(tagsInDatabase(entity)).as(entity).isEqualTo(model.getOrDefault(entity, Set.of()));
                long version = versions.getOrDefault(entity, 0L);
                List<ConsumerRecord<byte[], byte[]>> records = await().atMost(Duration.ofSeconds(60))
                        .until(() -> events.records("article:" + entity), r -> distinctEventIds(r) >= version);
                Map<String, Long> versionByEventId = records.stream()
                        .collect(Collectors.toMap(
                                r -> TopicProbe.header(r, "event_id"),
                                r -> change(r).getVersion(),
                                (a, b) -> a));
                assertThat(versionByEventId.values().stream().sorted().toList())
                        .as("one event per version, gap-free, for " + entity)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, version).boxed().toList());
            }
        } finally {
            killer.shutdownNow();
        }
        System.out.printf("connection-loss: commands=%d backends_killed=%d%n", commands.size(), killed.get());
    }

    /** Kills every other backend of the database; 0 when this attempt itself got a dead connection. */
    private int killOtherBackends() {
        try {
            return jdbc.sql(KILL_OTHER_BACKENDS).query(Integer.class).single();
        } catch (RuntimeException deadPooledConnection) {
            return 0;
        }
    }

    private long processedCount(List<Commands.Keyed> commands) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE command_id IN (:ids)")
                .param("ids", commands.stream().map(c -> c.id().toString()).toList())
                .query(Long.class)
                .single();
    }

    private Set<String> tagsInDatabase(String entity) {
        return new TreeSet<>(
                jdbc.sql("""
                        SELECT t.display_name FROM entity_tags et JOIN tags t ON t.id = et.tag_id
                        WHERE et.entity_type = 'article' AND et.entity_id = :id
                        """).param("id", entity).query(String.class).list());
    }

    private static long distinctEventIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> TopicProbe.header(r, "event_id"))
                .distinct()
                .count();
    }

    private EntityTagsChanged change(ConsumerRecord<byte[], byte[]> record) {
        return (EntityTagsChanged) decode(record, TagEvent.class).getPayload();
    }
}
