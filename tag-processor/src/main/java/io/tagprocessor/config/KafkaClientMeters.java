package io.tagprocessor.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Binds the Kafka clients' own metrics to Micrometer ({@code kafka_consumer_*}, {@code kafka_producer_*};
 * among them {@code kafka_consumer_fetch_manager_records_lag{topic,partition}}, the lag per partition).
 * Like spring-kafka's {@code MicrometerConsumerListener}, but the clients' metric list is re-read every
 * {@code kafkaMetricsRefresh} instead of every minute, so a newly assigned partition's lag shows soon.
 */
public final class KafkaClientMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final Duration refresh;
    private final ScheduledExecutorService scheduler;
    private final Map<String, KafkaClientMetrics> bound = new ConcurrentHashMap<>();

    KafkaClientMeters(MeterRegistry registry, Duration refresh) {
        this.registry = registry;
        this.refresh = refresh;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-client-meters");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds each consumer the factory creates, and unbinds it when the factory closes it. */
    public <K, V> ConsumerFactory.Listener<K, V> consumerListener() {
        return new ConsumerFactory.Listener<>() {
            @Override
            public void consumerAdded(String id, Consumer<K, V> consumer) {
                bind(id, new KafkaClientMetrics(consumer, List.of(Tag.of("spring.id", id)), scheduler, refresh));
            }

            @Override
            public void consumerRemoved(String id, Consumer<K, V> consumer) {
                unbind(id);
            }
        };
    }

    void bindProducer(String id, Producer<?, ?> producer) {
        bind(id, new KafkaClientMetrics(producer, List.of(Tag.of("spring.id", id)), scheduler, refresh));
    }

    private void bind(String id, KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        KafkaClientMetrics previous = bound.put(id, metrics);
        if (previous != null) {
            previous.close();
        }
    }

    private void unbind(String id) {
        KafkaClientMetrics metrics = bound.remove(id);
        if (metrics != null) {
            metrics.close();
        }
    }

    @Override
    public void close() {
        bound.keySet().forEach(this::unbind);
        scheduler.shutdownNow();
    }
}
