package io.tagprocessor.relay;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.config.RelayProducers;
import io.tagprocessor.config.RelaySettings;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.pipeline.PipelineTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Relay ITs that run relays of their own in place of the service's: the service relay stops once the
 * outbox it shares is drained, and starts again after the test, when the test's relays stop.
 */
abstract class ReplacedRelaySupport extends PipelineTestSupport {

    @Autowired
    OutboxRelay serviceRelay;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    DataSource dataSource;

    @Autowired
    RelayProducers relayProducers;

    private final List<OutboxRelay> started = new ArrayList<>();

    @BeforeEach
    void stopServiceRelayOnceTheOutboxIsDrained() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM outbox")
                                .query(Long.class)
                                .single()
                        == 0);
        serviceRelay.stop();
    }

    @AfterEach
    void restoreServiceRelay() {
        started.forEach(OutboxRelay::stop);
        serviceRelay.start();
    }

    /** A started relay on the test database whose death fails the test. */
    OutboxRelay startRelay(RelayProducers producers, RelaySettings settings, MeterRegistry meters) {
        OutboxRelay relay = new OutboxRelay(
                RelayConfiguration.physicalConnections(dataSource),
                outbox,
                producers,
                settings,
                meters,
                (component, error) -> {
                    throw new AssertionError(component + " died", error);
                });
        started.add(relay);
        relay.start();
        return relay;
    }
}
