package io.tagprocessor.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.wire.SchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tag renames and deletes are keyed by tag, so Kafka does not order them against the entity commands
 * of other partitions. The live service records where each one stood (its barrier); a rebuild with
 * {@code --rebuild} and the barriers copied from the live database reproduces the live outcome
 * exactly, renames and deletes included; so does one that takes the barriers from the headers of
 * the live events and rejections ({@code --barriers-from}). Without the barriers (the service simply started on an
 * empty database) the divergence is confined to entities whose commands name a renamed or deleted
 * tag.
 */
class RestructureRebuildIT {

    private static final String BOOTSTRAP = RecoveryFixture.INFRA.kafkaBootstrapServers();
    private static final List<String> TAGS = List.of("rr-alpha", "rr-beta", "rr-gamma", "rr-omega");
    private static final Set<String> RESTRUCTURED = Set.of("rr-alpha", "rr-beta", "rr-omega");

    @Test
    void aRebuildHonouringTheLiveBarriersReproducesRenamesAndDeletesExactly() {
        Topics live = Topics.create(RecoveryFixture.INFRA, "restructure");
        List<Commands.Keyed> commands = workload(new Random(13));
        Map<String, Set<String>> tagsNamed = tagsNamedByEntity(commands);
        try (RecoveryFixture fixture = new RecoveryFixture();
                PostgresDatabase liveDatabase = RecoveryFixture.INFRA.newDatabase("restructure_live");
                PostgresDatabase plainDatabase = RecoveryFixture.INFRA.newDatabase("restructure_plain");
                PostgresDatabase rebuiltDatabase = RecoveryFixture.INFRA.newDatabase("restructure_rebuilt");
                PostgresDatabase fromHeadersDatabase = RecoveryFixture.INFRA.newDatabase("restructure_headers");
                ServiceInstance service = ServiceInstance.start(
                        RecoveryFixture.INFRA, liveDatabase, live, "restructure-live-" + UUID.randomUUID())) {
            RecordEncoder encoder = service.bean(RecordEncoder.class);
            fixture.send(encoder, live.commands(), commands.subList(0, 100));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(RecoveryFixture.claims(service.jdbc()))
                            .as("every tag exists before the rename and the delete are sent")
                            .hasSize(100));
            fixture.send(encoder, live.commands(), commands.subList(100, commands.size()));
            awaitSettled(service, commands.size());
            Map<String, String> liveState = RecoveryFixture.entityState(service.jdbc());
            Map<String, String> liveClaims = RecoveryFixture.claims(service.jdbc());
            assertThat(service.jdbc()
                            .sql("SELECT count(*) FROM restructure_barriers")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);

            try (ServiceInstance plain = ServiceInstance.start(
                    RecoveryFixture.INFRA,
                    plainDatabase,
                    live.withOutputsPrefixed("plain-"),
                    "restructure-plain-" + UUID.randomUUID())) {
                awaitSettled(plain, commands.size());
                Map<String, String> plainState = RecoveryFixture.entityState(plain.jdbc());
                Set<String> diverged = new TreeSet<>();
                liveState.forEach((entity, state) -> {
                    if (!state.equals(plainState.get(entity))) {
                        diverged.add(entity);
                    }
                });
                diverged.forEach(entity -> assertThat(tagsNamed.get(entity))
                        .as("%s diverged without barriers", entity)
                        .containsAnyOf(RESTRUCTURED.toArray(String[]::new)));
            }

            Topics rebuiltTopics = live.withOutputsPrefixed("rebuilt-");
            String group = "restructure-rebuilt-" + UUID.randomUUID();
            ServiceInstance.start(
                            RecoveryFixture.INFRA,
                            rebuiltDatabase,
                            rebuiltTopics,
                            group,
                            "tag-processor.consumer.auto-startup=false",
                            "tag-processor.relay.enabled=false")
                    .close();
            Map<String, String> copyEnvironment = new HashMap<>(Scripts.jdbcUrl(rebuiltDatabase));
            Scripts.libpqUrl(liveDatabase).forEach((name, value) -> copyEnvironment.put("SOURCE_" + name, value));
            Scripts.Result copied = Scripts.run("copy-barriers.sh", copyEnvironment);
            assertThat(copied.exitCode()).as(copied.output()).isZero();
            assertThat(copied.output()).contains("barriers=2");

            assertThat(rebuild(rebuiltDatabase, rebuiltTopics, group))
                    .contains("records=" + commands.size() + " imported=0 barriers=2 late=0");
            assertRebuiltAsLive(rebuiltDatabase, rebuiltTopics, group, live, liveState, liveClaims, commands.size());

            Topics fromHeadersTopics = live.withOutputsPrefixed("headers-");
            String fromHeadersGroup = "restructure-headers-" + UUID.randomUUID();
            assertThat(rebuild(
                            fromHeadersDatabase,
                            fromHeadersTopics,
                            fromHeadersGroup,
                            "--barriers-from=" + live.events() + "," + live.rejections()))
                    .as("barriers taken from the headers of the live events and rejections")
                    .contains("records=" + commands.size() + " imported=2 barriers=2 late=0");
            assertRebuiltAsLive(
                    fromHeadersDatabase,
                    fromHeadersTopics,
                    fromHeadersGroup,
                    live,
                    liveState,
                    liveClaims,
                    commands.size());
        }
    }

    /** Runs the jar's rebuild mode on the database; returns what it printed. */
    private static String rebuild(PostgresDatabase database, Topics topics, String group, String... options) {
        String[] args = Stream.of(
                        Stream.of("--rebuild"),
                        Stream.of(options),
                        Stream.of(ServiceInstance.arguments(RecoveryFixture.INFRA, database, topics, group)))
                .flatMap(s -> s)
                .toArray(String[]::new);
        OperatorRun run = OperatorRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    /** The service started on the rebuilt database holds the live state and publishes the live entity events. */
    private static void assertRebuiltAsLive(
            PostgresDatabase database,
            Topics topics,
            String group,
            Topics live,
            Map<String, String> liveState,
            Map<String, String> liveClaims,
            int commands) {
        try (ServiceInstance rebuilt = ServiceInstance.start(RecoveryFixture.INFRA, database, topics, group)) {
            assertThat(RecoveryFixture.entityState(rebuilt.jdbc())).isEqualTo(liveState);
            assertThat(RecoveryFixture.claims(rebuilt.jdbc())).isEqualTo(liveClaims);
            awaitSettled(rebuilt, commands);
            SchemaRegistry registry = rebuilt.bean(SchemaRegistry.class);
            assertThat(entityEvents(EventLog.read(BOOTSTRAP, registry, topics.events())))
                    .as("entity events, renames and deletes included: same ids, same payloads")
                    .isEqualTo(entityEvents(EventLog.read(BOOTSTRAP, registry, live.events())));
        }
    }

    /** Entity commands over four tags, with one rename and one delete of a tag in the middle. */
    private static List<Commands.Keyed> workload(Random random) {
        List<Commands.Keyed> commands = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i == 120) {
                commands.add(Commands.rename("rr-alpha", "rr-omega"));
            }
            if (i == 200) {
                commands.add(Commands.deleteTag("rr-beta"));
            }
            String entity = "rr-e" + random.nextInt(15);
            String tag = TAGS.get(random.nextInt(TAGS.size()));
            commands.add(
                    switch (random.nextInt(6)) {
                        case 0, 1, 2 -> Commands.assign("article", entity, tag);
                        case 3 -> Commands.unassign("article", entity, tag);
                        default ->
                            Commands.replace(
                                    "article",
                                    entity,
                                    TAGS.stream()
                                            .filter(t -> random.nextBoolean())
                                            .toList());
                    });
        }
        return commands;
    }

    /** The tags each entity's commands name. */
    private static Map<String, Set<String>> tagsNamedByEntity(List<Commands.Keyed> commands) {
        Map<String, Set<String>> named = new HashMap<>();
        for (Commands.Keyed command : commands) {
            if (!command.key().startsWith("article:")) {
                continue;
            }
            Set<String> tags = named.computeIfAbsent(command.key(), key -> new TreeSet<>());
            String payload = command.command().getPayload().toString();
            TAGS.stream().filter(payload::contains).forEach(tags::add);
        }
        return named;
    }

    private static Map<String, EventLog.Fact> entityEvents(Map<String, EventLog.Fact> events) {
        return events.entrySet().stream()
                .filter(entry -> entry.getValue().type().equals("EntityTagsChanged")
                        || entry.getValue().type().equals("EntityDeletedEvent"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void awaitSettled(ServiceInstance service, int commands) {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(RecoveryFixture.claims(service.jdbc())).hasSize(commands);
            assertThat(RecoveryFixture.outboxRows(service.jdbc())).isZero();
            assertThat(service.jdbc()
                            .sql("SELECT count(*) FROM fanout_jobs")
                            .query(Long.class)
                            .single())
                    .as("renames and deletes whose entity changes are still to come")
                    .isZero();
        });
    }
}
