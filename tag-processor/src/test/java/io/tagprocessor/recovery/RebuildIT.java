package io.tagprocessor.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.wire.SchemaRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rebuild: the service started on an empty database with a new consumer group, beside the live
 * service and quiet (its outputs go to other topic names), reproduces the live state of entity
 * commands exactly, and publishes the same entity events under the same ids with the same content.
 */
class RebuildIT {

    private static final String BOOTSTRAP = RecoveryFixture.INFRA.kafkaBootstrapServers();

    @Test
    void aRebuildBesideTheLiveServiceReproducesEntityStateAndEventsExactly() {
        Topics live = Topics.create(RecoveryFixture.INFRA, "rebuild");
        Topics quiet = live.withOutputsPrefixed("rebuild-");
        List<Commands.Keyed> commands = RecoveryFixture.entityCommands(new Random(5), "rb", 400);
        try (RecoveryFixture fixture = new RecoveryFixture();
                PostgresDatabase liveDatabase = RecoveryFixture.INFRA.newDatabase("rebuild_live");
                PostgresDatabase rebuiltDatabase = RecoveryFixture.INFRA.newDatabase("rebuild_new");
                ServiceInstance service = ServiceInstance.start(
                        RecoveryFixture.INFRA, liveDatabase, live, "rebuild-live-" + UUID.randomUUID())) {
            fixture.send(service.bean(RecordEncoder.class), live.commands(), commands);
            awaitSettled(service, commands.size());
            Map<String, EventLog.Fact> liveEvents =
                    EventLog.read(BOOTSTRAP, service.bean(SchemaRegistry.class), live.events());
            int livePublished = EventLog.count(BOOTSTRAP, live.events());

            try (ServiceInstance rebuild = ServiceInstance.start(
                    RecoveryFixture.INFRA, rebuiltDatabase, quiet, "rebuild-new-" + UUID.randomUUID())) {
                awaitSettled(rebuild, commands.size());
                assertThat(RecoveryFixture.entityState(rebuild.jdbc()))
                        .isEqualTo(RecoveryFixture.entityState(service.jdbc()));
                assertThat(RecoveryFixture.claims(rebuild.jdbc())).isEqualTo(RecoveryFixture.claims(service.jdbc()));

                Map<String, EventLog.Fact> rebuiltEvents =
                        EventLog.read(BOOTSTRAP, rebuild.bean(SchemaRegistry.class), quiet.events());
                assertThat(only(rebuiltEvents, EntityEvents::is))
                        .as("entity events: same ids, types, keys, causes and payloads")
                        .isEqualTo(only(liveEvents, EntityEvents::is));
                rebuiltEvents.forEach((id, fact) -> {
                    EventLog.Fact other = liveEvents.get(id);
                    assertThat(other == null
                                    || other.type().equals(fact.type())
                                            && other.key().equals(fact.key()))
                            .as("id %s names %s live and %s rebuilt", id, other, fact)
                            .isTrue();
                });
                assertThat(EventLog.count(BOOTSTRAP, live.events()))
                        .as("the rebuild published nothing to the live topics")
                        .isEqualTo(livePublished);
            }
        }
    }

    private static Map<String, EventLog.Fact> only(Map<String, EventLog.Fact> events, Predicate<EventLog.Fact> which) {
        return events.entrySet().stream()
                .filter(entry -> which.test(entry.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** All commands claimed and every outbox row published. */
    private static void awaitSettled(ServiceInstance service, int commands) {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(RecoveryFixture.claims(service.jdbc())).hasSize(commands);
            assertThat(RecoveryFixture.outboxRows(service.jdbc())).isZero();
        });
    }

    private static final class EntityEvents {
        static boolean is(EventLog.Fact fact) {
            return fact.type().equals("EntityTagsChanged") || fact.type().equals("EntityDeletedEvent");
        }
    }
}
