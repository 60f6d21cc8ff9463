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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A leader frozen between reading rows and sending them (as under SIGSTOP: its database session
 * stays alive, its lease is not renewed) is evicted by a standby once the lease expires; the standby
 * publishes, and when the former leader thaws and sends what it read, the broker fences it: a
 * read_committed subscriber sees the newer state last, never the late stale one. Run with the
 * leader frozen in each of its two producers: the standby's initialization fences both ids.
 */
class RelayFencingIT extends ReplacedRelaySupport {

    @ParameterizedTest(name = "frozen in producer {0}")
    @ValueSource(ints = {1, 2})
    void aFrozenLeaderIsEvictedAfterItsLeaseAndItsLateSendIsFencedAtTheBroker(int frozenProducer) throws Exception {
        String topic = unique("it-fence");
        INFRA.createTopics(1, topic);
        RelaySettings settings = fastFailover(properties.relay(), "it-relay-" + UUID.randomUUID());
        assertThat(settings.producers()).isEqualTo(2);
        CountDownLatch frozen = new CountDownLatch(1);
        CountDownLatch thaw = new CountDownLatch(1);
        OutboxRelay zombie =
                startRelay(freezingOnFirstSendOf(frozenProducer, frozen, thaw), settings, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(30)).until(zombie::isLeader);
        List<String> expected = new ArrayList<>();
        try (TopicProbe probe = new TopicProbe(INFRA.kafkaBootstrapServers(), topic)) {
            for (int batch = 1; batch < frozenProducer; batch++) {
                expected.add("v0-" + batch);
                outbox.append(List.of(row(topic, "v0-" + batch)));
                probe.await("entity", batch);
            }
        }

        outbox.append(List.of(row(topic, "v1")));
        assertThat(frozen.await(30, TimeUnit.SECONDS))
                .as("the leader read v1 and froze")
                .isTrue();
        OutboxRelay standby = startRelay(relayProducers, settings, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(30)).until(standby::isLeader);
        expected.addAll(List.of("v1", "v2"));
        try (TopicProbe probe = new TopicProbe(INFRA.kafkaBootstrapServers(), topic)) {
            probe.await("entity", frozenProducer);
            outbox.append(List.of(row(topic, "v2")));
            probe.await("entity", frozenProducer + 1);

            thaw.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> !zombie.isLeader());
        }

        try (TopicProbe committed = new TopicProbe(INFRA.kafkaBootstrapServers(), topic)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(committed.records("entity").stream()
                                    .map(RelayFencingIT::value)
                                    .toList())
                            .containsExactlyElementsOf(expected));
        }
        assertThat(standby.isLeader()).isTrue();
    }

    /**
     * The real producers, but the first send of producer {@code frozenNumber} waits for {@code thaw}:
     * the leader is frozen right there.
     */
    @SuppressWarnings("unchecked")
    private RelayProducers freezingOnFirstSendOf(int frozenNumber, CountDownLatch frozen, CountDownLatch thaw) {
        AtomicBoolean first = new AtomicBoolean(true);
        return number -> {
            Producer<byte[], byte[]> real = relayProducers.open(number);
            if (number != frozenNumber) {
                return real;
            }
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
                transactionalId,
                base.producers());
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
