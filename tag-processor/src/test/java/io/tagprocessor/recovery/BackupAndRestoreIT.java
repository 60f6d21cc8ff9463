package io.tagprocessor.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.testinfra.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore, as an operator runs them: {@code scripts/backup.sh} while the service works
 * through a backlog, {@code scripts/restore.sh} into a new database, the service started on it with
 * the same consumer group catches up to the live state with nothing lost and nothing doubled.
 */
class BackupAndRestoreIT {

    @TempDir
    Path backups;

    @Test
    void aBackupTakenMidStreamRestoresAndCatchesUpToTheLiveState() throws Exception {
        Topics topics = Topics.create(RecoveryFixture.INFRA, "backup");
        String group = "backup-" + UUID.randomUUID();
        Random random = new Random(11);
        List<Commands.Keyed> first = RecoveryFixture.entityCommands(random, "bk", 300);
        List<Commands.Keyed> second = RecoveryFixture.entityCommands(random, "bk", 300);
        int total = first.size() + second.size();
        Path backup = backups.resolve("tag-processor.dump");
        try (RecoveryFixture fixture = new RecoveryFixture();
                PostgresDatabase live = RecoveryFixture.INFRA.newDatabase("backup_live");
                PostgresDatabase restored = RecoveryFixture.INFRA.newDatabase("backup_restored")) {
            Map<String, String> liveState;
            Map<String, String> liveClaims;
            Map<String, Long> liveOffsets;
            try (ServiceInstance service = ServiceInstance.start(RecoveryFixture.INFRA, live, topics, group)) {
                RecordEncoder encoder = service.bean(RecordEncoder.class);
                fixture.send(encoder, topics.commands(), first);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> RecoveryFixture.claims(service.jdbc()).size() >= 50);

                Scripts.Result backedUp = Scripts.run("backup.sh", Scripts.libpqUrl(live), backup.toString());
                fixture.send(encoder, topics.commands(), second);

                assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
                assertThat(backedUp.output()).contains("backup: database=");
                if (!live.password().isEmpty()) {
                    assertThat(backedUp.output()).doesNotContain(live.password());
                }
                await().atMost(Duration.ofSeconds(90))
                        .untilAsserted(() -> assertThat(RecoveryFixture.claims(service.jdbc()))
                                .hasSize(total));
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(RecoveryFixture.offsets(service.jdbc(), group).values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum())
                                .isEqualTo(total));
                liveState = RecoveryFixture.entityState(service.jdbc());
                liveClaims = RecoveryFixture.claims(service.jdbc());
                liveOffsets = RecoveryFixture.offsets(service.jdbc(), group);
            }
            assertThat(Files.size(backup)).isPositive();

            Scripts.Result restoredRun = Scripts.run("restore.sh", Scripts.jdbcUrl(restored), backup.toString());
            assertThat(restoredRun.exitCode()).as(restoredRun.output()).isZero();
            Scripts.Result again = Scripts.run("restore.sh", Scripts.jdbcUrl(restored), backup.toString());
            assertThat(again.exitCode()).isNotZero();
            assertThat(again.output()).contains("is not empty");

            try (ServiceInstance service = ServiceInstance.start(RecoveryFixture.INFRA, restored, topics, group)) {
                await().atMost(Duration.ofSeconds(90))
                        .untilAsserted(() -> assertThat(RecoveryFixture.claims(service.jdbc()))
                                .isEqualTo(liveClaims));
                int inBackup = total
                        - (int) (service.counted("applied")
                                + service.counted("no_effect")
                                + service.counted("rejected")
                                + service.counted("dead_lettered"));
                assertThat(inBackup).as("commands the backup held").isBetween(50, total - 1);
                assertThat(service.counted("duplicate")).isZero();
                assertThat(RecoveryFixture.entityState(service.jdbc())).isEqualTo(liveState);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(RecoveryFixture.offsets(service.jdbc(), group))
                                .isEqualTo(liveOffsets));
            }
        }
    }
}
