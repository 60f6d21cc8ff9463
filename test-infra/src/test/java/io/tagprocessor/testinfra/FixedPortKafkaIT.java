package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedPortKafkaIT {

    @Test
    void brokerListensOnTheChosenPortAndAutoCreatesTopics() throws Exception {
        int port = Ports.free();
        try (FixedPortKafka kafka = FixedPortKafka.start(port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            Records.send(kafka.bootstrapServers(), "fixed-port", "k", "v");
            assertThat(Records.values(kafka.bootstrapServers(), "fixed-port")).containsExactly("v");
        }
        assertThat(Ports.isFree(port)).isTrue();
    }
}
