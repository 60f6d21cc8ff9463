package io.tagprocessor.fanout;

import static io.tagprocessor.pipeline.Commands.assign;
import static io.tagprocessor.pipeline.Commands.rename;
import static io.tagprocessor.pipeline.FanoutFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.pipeline.FanoutFixture;
import io.tagprocessor.pipeline.PipelineTestSupport;
import io.tagprocessor.pipeline.TopicProbe;
import io.tagprocessor.testinfra.Ports;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import io.tagprocessor.wire.CachingSchemaRegistry;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.ConfluentRegistryClient;
import io.tagprocessor.wire.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The fan-out of a rename as an operator runs the service: the packaged jar under {@code -Xmx256m},
 * killed with SIGKILL between chunks and started again. It completes, every entity changes exactly
 * once (one event id, version +1), and an entity command right behind the rename follows it. Runs
 * 5,000 entities in chunks of 500 in {@code verify}; the 200,000-entity run is opt-in:
 * {@code -Dit.test=HugeFanOutProcessIT -Dfanout.it.entities=200000 -Dfanout.it.chunk-size=1000}.
 * Prints one {@code fanout-process: …} line with the times and the peak heap and resident set.
 */
class HugeFanOutProcessIT {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final int ENTITIES = Integer.getInteger("fanout.it.entities", 5_000);
    private static final int CHUNK_SIZE = Integer.getInteger("fanout.it.chunk-size", 500);
    private static final String MAX_HEAP = "256m";
    private static final Duration TIMEOUT = Duration.ofSeconds(180 + ENTITIES / 200);
    private static final String TYPE = "item";

    private static final String COUNT_PENDING =
            "SELECT count(*) FROM entity_tags WHERE tag_id IN (SELECT tag_id FROM fanout_jobs)";

    @Test
    void aFanOutKilledBetweenChunksResumesUnderASmallHeapWithNothingLostOrDoubled() throws Exception {
        String prefix = "fanout-" + UUID.randomUUID().toString().substring(0, 8);
        SchemaRegistry registry = new CachingSchemaRegistry(
                new ConfluentRegistryClient(INFRA.schemaRegistryUrl(), null, null, Duration.ofSeconds(10)));
        Path log = Files.createTempFile(Path.of("target"), "fanout-process-", ".log");
        try (PostgresDatabase database = INFRA.newDatabase("fanout_process");
                KafkaProducer<byte[], byte[]> producer = PipelineTestSupport.commandProducer()) {
            Map<String, String> environment = environment(database, prefix);
            JdbcClient jdbc = JdbcClient.create(
                    new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
            Commands.Keyed renaming = rename("Bulk", "Bulk-renamed");
            Commands.Keyed behind = assign(TYPE, id(ENTITIES), "Behind");
            long started = System.nanoTime();
            long pendingAtKill;
            ServiceProcess first;
            try (ServiceProcess service = ServiceProcess.start(MAX_HEAP, environment, Ports.free(), log)) {
                first = service;
                await().atMost(Duration.ofMinutes(3)).until(service::ready);
                FanoutFixture.seed(jdbc, TYPE, ENTITIES, List.of("Bulk", "Kept"));
                send(producer, registry, prefix, renaming);
                await().atMost(TIMEOUT).until(() -> count(jdbc, "SELECT count(*) FROM fanout_jobs") == 1);
                send(producer, registry, prefix, behind);
                await().atMost(TIMEOUT)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> count(jdbc, COUNT_PENDING) <= ENTITIES - 2L * CHUNK_SIZE);
                service.kill();
                pendingAtKill = count(jdbc, COUNT_PENDING);
            }
            assertThat(pendingAtKill).as("killed while chunks were left to do").isPositive();

            try (ServiceProcess second = ServiceProcess.start(MAX_HEAP, environment, Ports.free(), log)) {
                await().atMost(TIMEOUT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> count(jdbc, "SELECT count(*) FROM fanout_jobs") == 0
                                && count(jdbc, "SELECT count(*) FROM outbox") == 0);
                double seconds = (System.nanoTime() - started) / 1e9;

                assertThat(FanoutFixture.entitiesAtVersion(jdbc, TYPE, 2)).isEqualTo(ENTITIES - 1);
                assertThat(FanoutFixture.entitiesAtVersion(jdbc, TYPE, 3)).isEqualTo(1);
                Map<String, Set<Long>> versions = versionsByEntity(registry, prefix, renaming.id(), behind.id());
                assertThat(versions).hasSize(ENTITIES);
                versions.forEach((entity, seen) -> assertThat(seen)
                        .as(entity)
                        .containsExactly(
                                entity.equals(TYPE + ":" + id(ENTITIES)) ? new Long[] {2L, 3L} : new Long[] {2L}));
                System.out.printf(
                        "fanout-process: entities=%d chunk_size=%d pending_at_kill=%d total_s=%.1f heap_max=%s"
                                + " peak_heap_mb=%d,%d peak_rss_mb=%d,%d%n",
                        ENTITIES,
                        CHUNK_SIZE,
                        pendingAtKill,
                        seconds,
                        MAX_HEAP,
                        first.peakHeapBytes() >> 20,
                        second.peakHeapBytes() >> 20,
                        first.peakRssKb() >> 10,
                        readRss(second) >> 10);
            }
        }
    }

    private static long readRss(ServiceProcess service) throws InterruptedException {
        service.close();
        return service.peakRssKb();
    }

    private static Map<String, String> environment(PostgresDatabase database, String prefix) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", database.jdbcUrl());
        environment.put("DATABASE_USERNAME", database.username());
        environment.put("DATABASE_PASSWORD", database.password() == null ? "" : database.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", INFRA.kafkaBootstrapServers());
        environment.put("SCHEMA_REGISTRY_URL", INFRA.schemaRegistryUrl());
        environment.put("TOPIC_COMMANDS", prefix + "-tag-commands");
        environment.put("TOPIC_EVENTS", prefix + "-tag-events");
        environment.put("TOPIC_ENTITY_STATE", prefix + "-tag-entity-state");
        environment.put("TOPIC_REJECTIONS", prefix + "-tag-command-rejections");
        environment.put("TOPIC_DEAD_LETTER", prefix + "-tag-commands.DLT");
        environment.put("TOPIC_PARTITIONS", "3");
        environment.put("CONSUMER_CONCURRENCY", "3");
        environment.put("CONSUMER_GROUP_ID", prefix);
        environment.put("RELAY_TRANSACTIONAL_ID", prefix + "-relay");
        environment.put("FANOUT_CHUNK_SIZE", String.valueOf(CHUNK_SIZE));
        return environment;
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, SchemaRegistry registry, String prefix, Commands.Keyed command) {
        String topic = prefix + "-tag-commands";
        byte[] value = new ConfluentAvroSerializer<TagCommand>(registry).serialize(topic, command.command());
        producer.send(new ProducerRecord<>(topic, command.key().getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    /** Every version each entity's events carried, from the rename and the command behind it (duplicates collapse). */
    private static Map<String, Set<Long>> versionsByEntity(
            SchemaRegistry registry, String prefix, UUID renameId, UUID behindId) {
        ConfluentAvroDeserializer<TagEvent> deserializer = new ConfluentAvroDeserializer<>(registry, TagEvent.class);
        Map<String, Set<Long>> versions = new HashMap<>();
        Map<UUID, Long> versionById = new HashMap<>();
        try (TopicProbe probe = new TopicProbe(INFRA.kafkaBootstrapServers(), prefix + "-tag-events")) {
            int[] read = {0};
            await().atMost(TIMEOUT).until(() -> {
                List<ConsumerRecord<byte[], byte[]>> seen = probe.records(record -> true);
                for (ConsumerRecord<byte[], byte[]> record : seen.subList(read[0], seen.size())) {
                    TagEvent event = deserializer.deserialize(record.topic(), record.value());
                    UUID cause = event.getCausationId();
                    if (event.getPayload() instanceof EntityTagsChanged change
                            && (cause.equals(renameId) || cause.equals(behindId))) {
                        Long before = versionById.putIfAbsent(event.getEventId(), change.getVersion());
                        assertThat(before).as("one event id, one version").isIn(null, change.getVersion());
                        versions.computeIfAbsent(
                                        change.getEntityType() + ":" + change.getEntityId(), k -> new TreeSet<>())
                                .add(change.getVersion());
                    }
                }
                read[0] = seen.size();
                return versionById.size() == ENTITIES + 1;
            });
        }
        return versions;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
