package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.config.RelaySettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class OutboxRelayTest {

    private static final RelaySettings SETTINGS = new RelaySettings(
            true,
            10,
            DataSize.ofMegabytes(1),
            Duration.ofMillis(50),
            Duration.ofMillis(50),
            Duration.ofMillis(50),
            true,
            5,
            Duration.ofSeconds(15),
            10_000,
            "test-relay",
            2);

    @Test
    void anErrorThatEscapesTheLoopGoesToTheFatalHandlerInsteadOfDyingSilently() {
        List<String> fatal = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(
                () -> {
                    throw new OutOfMemoryError("simulated");
                },
                null,
                null,
                SETTINGS,
                new SimpleMeterRegistry(),
                (component, error) -> fatal.add(component + ": " + error));
        relay.start();
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(fatal).containsExactly("relay: java.lang.OutOfMemoryError: simulated"));
            assertThat(relay.isLeader()).isFalse();
        } finally {
            relay.stop();
        }
    }

    @Test
    void anExceptionIsRetriedNotFatal() {
        List<String> fatal = new CopyOnWriteArrayList<>();
        List<String> attempts = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(
                () -> {
                    attempts.add("open");
                    throw new java.sql.SQLException("database down");
                },
                null,
                null,
                SETTINGS,
                new SimpleMeterRegistry(),
                (component, error) -> fatal.add(component));
        relay.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() >= 3);
            assertThat(fatal).isEmpty();
        } finally {
            relay.stop();
        }
    }
}
