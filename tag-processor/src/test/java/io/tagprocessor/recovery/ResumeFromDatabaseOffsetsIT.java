package io.tagprocessor.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.testinfra.PostgresDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Offsets kept with the effects: a database that is behind the consumer group's committed offsets
 * (as one restored from a backup is) makes the service resume right after the last command that
 * database holds, not where the group committed.
 */
class ResumeFromDatabaseOffsetsIT {

    @Test
    void aDatabaseBehindTheGroupsCommittedOffsetsResumesRightAfterItsLastCommand() {
        resumesRightAfterTheLastCommandOfTheCopy();
    }

    @Test
    void inSimpleModeEveryRecordsTransactionKeepsTheOffsetToo() {
        resumesRightAfterTheLastCommandOfTheCopy("tag-processor.mode=simple");
    }

    private static void resumesRightAfterTheLastCommandOfTheCopy(String... settings) {
        Topics topics = Topics.create(RecoveryFixture.INFRA, "resume");
        String group = "resume-" + UUID.randomUUID();
        Random random = new Random(7);
        List<Commands.Keyed> before = RecoveryFixture.entityCommands(random, "rs", 40);
        List<Commands.Keyed> after = RecoveryFixture.entityCommands(random, "rs", 40);
        try (RecoveryFixture fixture = new RecoveryFixture();
                PostgresDatabase live = RecoveryFixture.INFRA.newDatabase("resume_live");
                PostgresDatabase snapshot = RecoveryFixture.INFRA.newDatabase("resume_snapshot")) {
            try (ServiceInstance service =
                    ServiceInstance.start(RecoveryFixture.INFRA, live, topics, group, settings)) {
                fixture.send(service.bean(RecordEncoder.class), topics.commands(), before);
                awaitClaimed(service, before.size());
            }
            RecoveryFixture.copy(live, snapshot);
            Map<String, String> liveState;
            Map<String, Long> liveOffsets;
            try (ServiceInstance service =
                    ServiceInstance.start(RecoveryFixture.INFRA, live, topics, group, settings)) {
                fixture.send(service.bean(RecordEncoder.class), topics.commands(), after);
                awaitClaimed(service, before.size() + after.size());
                liveState = RecoveryFixture.entityState(service.jdbc());
                liveOffsets = RecoveryFixture.offsets(service.jdbc(), group);
            }
            assertThat(liveOffsets.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(before.size() + after.size());

            try (ServiceInstance restored =
                    ServiceInstance.start(RecoveryFixture.INFRA, snapshot, topics, group, settings)) {
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(RecoveryFixture.entityState(restored.jdbc()))
                                .isEqualTo(liveState));
                assertThat(RecoveryFixture.offsets(restored.jdbc(), group)).isEqualTo(liveOffsets);
                assertThat(restored.counted("duplicate"))
                        .as("re-read commands the snapshot held")
                        .isZero();
                assertThat(restored.counted("applied") + restored.counted("no_effect"))
                        .isEqualTo(after.size());
            }
        }
    }

    private static void awaitClaimed(ServiceInstance service, int count) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(RecoveryFixture.claims(service.jdbc())).hasSize(count));
    }
}
