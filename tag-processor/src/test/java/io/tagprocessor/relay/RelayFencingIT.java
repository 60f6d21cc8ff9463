package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.config.RelayProducers;
import io.tagprocessor.config.RelaySettings;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.pipeline.TopicProbe;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/**
 * A leader frozen between reading rows and sending them (as under SIGSTOP: its database session
 * stays alive, its lease is not renewed) is evicted by a standby once the lease expires; the standby
 * publishes, and when the former leader thaws and sends what it read, the broker fences it: a
 * read_committed subscriber sees the newer state last, never the late stale one.
 */
class RelayFencingIT extends ReplacedRelaySupport {

    @Test
    void aFrozenLeaderIsEvictedAfterItsLeaseAndItsLateSendIsFencedAtTheBroker() throws Exception {
        String topic = unique("it-fence");
        INFRA.createTopics(1, topic);
        RelaySettings settings = fastFailover(properties.relay(), "it-relay-" + UUID.randomUUID());
        CountDownLatch frozen = new CountDownLatch(1);
        CountDownLatch thaw = new CountDownLatch(1);
        OutboxRelay zombie = startRelay(freezingOnFirstSend(frozen, thaw), settings, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(30)).until(zombie::isLeader);

        outbox.append(List.of(row(topic, "v1")));
        assertThat(frozen.await(30, TimeUnit.SECONDS))
                .as("the leader read v1 and froze")
                .isTrue();
        OutboxRelay standby = startRelay(relayProducers, settings, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(30)).until(standby::isLeader);
        try (TopicProbe probe = new TopicProbe(INFRA.kafkaBootstrapServers(), topic)) {
            probe.await("entity", 1);
            outbox.append(List.of(row(topic, "v2")));
            probe.await("entity", 2);

            thaw.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> !zombie.isLeader());
        }

        try (TopicProbe committed = new TopicProbe(INFRA.kafkaBootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(committed.records("entity").stream()
                                    .map(RelayFencingIT::value)
                                    .toList())
                            .containsExactly("v1", "v2"));
        }
        assertThat(standby.isLeader()).isTrue();
    }

    /** The real producer, but its first send waits for {@code thaw}: the leader is frozen right there. */
    @SuppressWarnings("unchecked")
    private RelayProducers freezingOnFirstSend(CountDownLatch frozen, CountDownLatch thaw) {
        AtomicBoolean first = new AtomicBoolean(true);
        return () -> {
            Producer<byte[], byte[]> real = relayProducers.get();
            return (Producer<byte[], byte[]>) Proxy.newProxyInstance(
                    Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                        if (method.getName().equals("send") && first.compareAndSet(true, false)) {
                            frozen.countDown();
                            thaw.await(60, TimeUnit.SECONDS);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
    }

    private static RelaySettings fastFailover(RelaySettings base, String transactionalId) {
        return new RelaySettings(
                true,
                base.batchSize(),
                base.maxBatchBytes(),
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                true,
                base.parkAfterAttempts(),
                Duration.ofSeconds(2),
                base.vacuumAfterRows(),
                transactionalId);
    }

    private static OutboxRow row(String topic, String value) {
        return OutboxRow.unsaved(
                topic, utf8("entity"), UUID.randomUUID(), "Test", null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
