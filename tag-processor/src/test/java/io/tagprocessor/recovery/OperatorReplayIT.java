package io.tagprocessor.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.testinfra.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator replay ({@code --replay}) run as the jar's main would run it: re-read commands end as
 * DUPLICATE with no effect and no event, a dry run counts what is claimed, commands never processed
 * are applied through the normal path, and ranges the partition does not hold are refused.
 */
class OperatorReplayIT {

    /** What one run of the replay mode printed and returned. */
    @Test
    void reReadCommandsEndAsDuplicatesAndOnlyUnprocessedOnesTakeEffect() {
        Topics topics = Topics.create(RecoveryFixture.INFRA, "replay");
        String group = "replay-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        List<Commands.Keyed> processed = RecoveryFixture.entityCommands(new Random(3), "rp", 40);
        List<Commands.Keyed> unprocessed = List.of(
                Commands.assign("article", "rp-late-1", "rp-late"), Commands.assign("article", "rp-late-2", "rp-late"));
        try (RecoveryFixture fixture = new RecoveryFixture();
                PostgresDatabase database = RecoveryFixture.INFRA.newDatabase("replay")) {
            String[] service = ServiceInstance.arguments(RecoveryFixture.INFRA, database, topics, group);
            Map<String, String> state;
            Map<String, String> claims;
            Map<String, Long> offsets;
            try (ServiceInstance live = ServiceInstance.start(RecoveryFixture.INFRA, database, topics, group)) {
                fixture.sendTo(live.bean(RecordEncoder.class), topics.commands(), 0, processed);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(RecoveryFixture.claims(live.jdbc())).hasSize(processed.size());
                    assertThat(RecoveryFixture.outboxRows(live.jdbc())).isZero();
                });
                state = RecoveryFixture.entityState(live.jdbc());
                claims = RecoveryFixture.claims(live.jdbc());
                offsets = RecoveryFixture.offsets(live.jdbc(), group);
            }
            OperatorRun dryRun = replay(service, "--partition=0", "--from-offset=0", "--dry-run");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("records=40 claimed=40 unclaimed=0");

            OperatorRun again = replay(service, "--partition=0", "--from-timestamp=" + before);
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("from=0 to=40 records=40", "duplicate=40", "applied=0", "no_effect=0");
            try (ServiceInstance idle = idle(database, topics, group)) {
                assertThat(RecoveryFixture.entityState(idle.jdbc())).isEqualTo(state);
                assertThat(RecoveryFixture.claims(idle.jdbc())).isEqualTo(claims);
                assertThat(RecoveryFixture.outboxRows(idle.jdbc()))
                        .as("events written")
                        .isZero();
                assertThat(RecoveryFixture.offsets(idle.jdbc(), group)).isEqualTo(offsets);
                fixture.sendTo(idle.bean(RecordEncoder.class), topics.commands(), 0, unprocessed);
            }
            OperatorRun counted = replay(service, "--partition=0", "--from-offset=30", "--dry-run");
            assertThat(counted.out()).contains("from=30 to=42 records=12 claimed=10 unclaimed=2");
            OperatorRun applied = replay(service, "--partition=0", "--from-offset=30", "--to-offset=42");
            assertThat(applied.exitCode()).as(applied.err()).isZero();
            assertThat(applied.out()).contains("records=12", "duplicate=10", "applied=2");
            try (ServiceInstance idle = idle(database, topics, group)) {
                assertThat(RecoveryFixture.entityState(idle.jdbc()))
                        .containsEntry("article:rp-late-1", "1 rp-late")
                        .containsEntry("article:rp-late-2", "1 rp-late");
                assertThat(RecoveryFixture.outboxRows(idle.jdbc()))
                        .as("events of the two applied commands, and one tag creation")
                        .isEqualTo(3);
            }
        }
    }

    @Test
    void refusesWhatItCannotDoWithAMessageAndExitCode2() {
        Topics topics = Topics.create(RecoveryFixture.INFRA, "replay-refused");
        try (PostgresDatabase database = RecoveryFixture.INFRA.newDatabase("replay_refused")) {
            String[] service = ServiceInstance.arguments(RecoveryFixture.INFRA, database, topics, "refused");
            OperatorRun unmigrated = replay(service, "--partition=0", "--from-offset=0");
            assertThat(unmigrated.exitCode()).isEqualTo(1);
            assertThat(unmigrated.err()).contains("pending migrations");
            idle(database, topics, "refused").close();

            OperatorRun both =
                    replay(service, "--partition=0", "--from-offset=0", "--from-timestamp=2026-01-01T00:00:00Z");
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.err()).contains("exactly one of --from-offset and --from-timestamp");

            OperatorRun noPartition = replay(service, "--from-offset=0");
            assertThat(noPartition.exitCode()).isEqualTo(2);
            assertThat(noPartition.err()).contains("--partition is required");

            OperatorRun typo = replay(service, "--partition=0", "--from-ofset=3");
            assertThat(typo.exitCode()).isEqualTo(2);
            assertThat(typo.err()).contains("unknown option --from-ofset");

            OperatorRun pastEnd = replay(service, "--partition=0", "--from-offset=5");
            assertThat(pastEnd.exitCode()).as(pastEnd.err()).isEqualTo(2);
            assertThat(pastEnd.err()).contains("offset 5 is past the end of " + topics.commands() + "-0 (0)");

            OperatorRun noSuchPartition = replay(service, "--partition=7", "--from-offset=0");
            assertThat(noSuchPartition.exitCode()).isEqualTo(2);
            assertThat(noSuchPartition.err()).contains("has 3 partitions (0-2), not 7");
        }
    }

    @Test
    void theJarRunsTheReplayAsItsOwnProcessAndExitsWithItsCode() throws Exception {
        Topics topics = Topics.create(RecoveryFixture.INFRA, "replay-jar");
        try (PostgresDatabase database = RecoveryFixture.INFRA.newDatabase("replay_jar")) {
            idle(database, topics, "jar").close();
            Map<String, String> environment = new HashMap<>(Scripts.jdbcUrl(database));
            environment.put("KAFKA_BOOTSTRAP_SERVERS", RecoveryFixture.INFRA.kafkaBootstrapServers());
            environment.put("SCHEMA_REGISTRY_URL", RecoveryFixture.INFRA.schemaRegistryUrl());
            environment.put("TOPIC_COMMANDS", topics.commands());
            environment.put("TOPIC_PARTITIONS", String.valueOf(Topics.PARTITIONS));
            environment.put("CONSUMER_GROUP_ID", "jar");

            OperatorRun dryRun = jar(environment, "--replay", "--partition=1", "--from-offset=0", "--dry-run");
            assertThat(dryRun.exitCode()).as(dryRun.out()).isZero();
            assertThat(dryRun.out())
                    .contains("replay: dry_run=true topic=" + topics.commands()
                            + " partition=1 from=0 to=0 records=0 claimed=0 unclaimed=0");

            OperatorRun refused = jar(environment, "--replay", "--partition=1");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.out())
                    .contains("replay: refused: give exactly one of --from-offset and --from-timestamp");
        }
    }

    /** Runs the packaged jar ({@code target/tag-processor-*-exec.jar}) as an operator would. */
    private static OperatorRun jar(Map<String, String> environment, String... args) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn package first"));
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the jar did not end within 120 s: " + output);
        }
        return new OperatorRun(process.exitValue(), output, output);
    }

    private static OperatorRun replay(String[] service, String... options) {
        String[] args = Stream.concat(Stream.of("--replay"), Stream.concat(Stream.of(options), Stream.of(service)))
                .toArray(String[]::new);
        return OperatorRun.of(args);
    }

    /** The service without its listener and relay: to look at the database and encode commands. */
    private static ServiceInstance idle(PostgresDatabase database, Topics topics, String group) {
        return ServiceInstance.start(
                RecoveryFixture.INFRA,
                database,
                topics,
                group,
                "tag-processor.consumer.auto-startup=false",
                "tag-processor.relay.enabled=false");
    }
}
