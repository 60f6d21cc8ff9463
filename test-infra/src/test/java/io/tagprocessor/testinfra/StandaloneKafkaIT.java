package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StandaloneKafkaIT {

    private static final List<String> FULL_JIT = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private static StandaloneKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = StandaloneKafka.in(Path.of("target", "standalone-kafka-it-" + UUID.randomUUID()));
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void acknowledgedRecordSurvivesKillNineAndRestartOnTheSamePort() throws Exception {
        String topic = "standalone-it-" + UUID.randomUUID();
        String before = kafka.bootstrapServers();
        Records.send(kafka.bootstrapServers(), topic, "article:42", "before-kill");

        kafka.kill();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        assertThat(kafka.bootstrapServers()).isEqualTo(before);
        assertThat(Records.values(kafka.bootstrapServers(), topic)).containsExactly("before-kill");
    }

    @Test
    void gracefulRestartKeepsRecordsAndAcceptsNewOnes() throws Exception {
        String topic = "standalone-it-" + UUID.randomUUID();
        Records.send(kafka.bootstrapServers(), topic, "k", "one");

        kafka.restart();

        Records.send(kafka.bootstrapServers(), topic, "k", "two");
        assertThat(Records.values(kafka.bootstrapServers(), topic)).containsExactly("one", "two");
    }

    @Test
    void brokerRunsOnTheJvmOptionsItWasGiven() throws Exception {
        try (StandaloneKafka fullJit = StandaloneKafka.in(Path.of("target", "standalone-kafka-it-" + UUID.randomUUID()))
                .withJvm(FULL_JIT)) {
            fullJit.start();
            assertThat(commandLine(fullJit)).containsAll(FULL_JIT).doesNotContain("-XX:TieredStopAtLevel=1");
            String topic = "standalone-it-" + UUID.randomUUID();
            Records.send(fullJit.bootstrapServers(), topic, "k", "full-jit");
            assertThat(Records.values(fullJit.bootstrapServers(), topic)).containsExactly("full-jit");
        }
        assertThat(commandLine(kafka)).containsAll(StandaloneKafka.TEST_JVM);
    }

    /** The broker process's command line as Linux shows it (ProcessHandle cuts a long one off). */
    private static List<String> commandLine(StandaloneKafka broker) throws IOException {
        Path cmdline = Path.of("/proc", Long.toString(broker.pid().orElseThrow()), "cmdline");
        assumeTrue(Files.isReadable(cmdline), "needs Linux's /proc");
        return List.of(Files.readString(cmdline).split("\u0000"));
    }
}
