package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StandaloneKafkaIT {

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
}
