package io.tagprocessor.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.retention.ClaimPruner;
import io.tagprocessor.testinfra.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * Retention consistent with replay: the command topic is created with the configured retention, and
 * a claim is pruned exactly when the topic no longer holds any copy of its command. The broker's
 * retention is played by {@code deleteRecords}, which moves a partition's log start as deleting
 * old segments does.
 */
class ClaimRetentionIT {

    @Test
    void claimsAreKeptWhileTheTopicHoldsACopyOfTheirCommandAndNoLonger() throws Exception {
        Topics topics = Topics.named("retention");
        String group = "retention-" + UUID.randomUUID();
        List<Commands.Keyed> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(Commands.assign("article", "rt-" + i, "rt-tag"));
        }
        List<Commands.Keyed> later = new ArrayList<>();
        for (int i = 10; i < 15; i++) {
            later.add(Commands.assign("article", "rt-" + i, "rt-tag"));
        }
        try (RecoveryFixture fixture = new RecoveryFixture();
                PostgresDatabase database = RecoveryFixture.INFRA.newDatabase("retention");
                Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RecoveryFixture.INFRA.kafkaBootstrapServers()));
                ServiceInstance service = ServiceInstance.start(
                        RecoveryFixture.INFRA, database, topics, group, "tag-processor.retention.commands=3d")) {
            ConfigResource commandsTopic = new ConfigResource(ConfigResource.Type.TOPIC, topics.commands());
            assertThat(admin.describeConfigs(List.of(commandsTopic))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(commandsTopic)
                            .get(TopicConfig.RETENTION_MS_CONFIG)
                            .value())
                    .isEqualTo(String.valueOf(Duration.ofDays(3).toMillis()));

            RecordEncoder encoder = service.bean(RecordEncoder.class);
            fixture.sendTo(encoder, topics.commands(), 0, first);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(RecoveryFixture.claims(service.jdbc()))
                            .as("the first copies are claimed before the second ones are sent")
                            .hasSize(first.size()));
            fixture.sendTo(encoder, topics.commands(), 0, List.of(first.get(2)));
            fixture.sendTo(encoder, topics.commands(), 1, List.of(first.get(3)));
            fixture.sendTo(encoder, topics.commands(), 0, later);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(RecoveryFixture.claims(service.jdbc())).hasSize(15);
                assertThat(service.counted("duplicate")).isEqualTo(2);
            });
            ClaimPruner pruner = service.bean(ClaimPruner.class);
            assertThat(pruner.prune()).isEqualTo(new ClaimPruner.Pruned(0, 0, false));

            deleteBefore(admin, topics.commands(), 0, 8);
            assertThat(pruner.prune()).isEqualTo(new ClaimPruner.Pruned(6, 0, false));
            assertThat(RecoveryFixture.claims(service.jdbc()).keySet())
                    .as("copies of commands 2 and 3 are still in the topic; 8 and 9 are themselves")
                    .containsExactlyInAnyOrderElementsOf(ids(
                            first.get(2),
                            first.get(3),
                            first.get(8),
                            first.get(9),
                            later.get(0),
                            later.get(1),
                            later.get(2),
                            later.get(3),
                            later.get(4)));

            deleteBefore(admin, topics.commands(), 0, 11);
            assertThat(pruner.prune()).isEqualTo(new ClaimPruner.Pruned(3, 1, false));
            assertThat(RecoveryFixture.claims(service.jdbc()))
                    .containsOnlyKeys(
                            ids(first.get(3), later.get(0), later.get(1), later.get(2), later.get(3), later.get(4)));
            assertThat(RecoveryFixture.entityState(service.jdbc())).hasSize(15);
        }
    }

    @Test
    void prunesByItselfEveryInterval() {
        Topics topics = Topics.named("retention-schedule");
        try (PostgresDatabase database = RecoveryFixture.INFRA.newDatabase("retention_schedule");
                ServiceInstance service = ServiceInstance.start(
                        RecoveryFixture.INFRA,
                        database,
                        topics,
                        "retention-schedule-" + UUID.randomUUID(),
                        "tag-processor.retention.prune-interval=1s")) {
            MeterRegistry meters = service.bean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(meters.find("tag_processor.retention.claims_pruned")
                                    .counter())
                            .as("a pruning run completed without being called")
                            .isNotNull());
        }
    }

    private static void deleteBefore(Admin admin, String topic, int partition, long offset) throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static List<String> ids(Commands.Keyed... commands) {
        return java.util.Arrays.stream(commands).map(c -> c.id().toString()).toList();
    }
}
