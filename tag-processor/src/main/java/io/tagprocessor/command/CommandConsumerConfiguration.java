package io.tagprocessor.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.ConsumerSettings;
import io.tagprocessor.config.KafkaClientMeters;
import io.tagprocessor.config.KafkaClients;
import io.tagprocessor.config.LogScope;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The batch consumer of {@code tag-commands}, built from {@link KafkaClients#consumer()}: raw bytes in (decoding is ours, so no record escapes
 * accounting), offsets committed asynchronously at most once a second after the listener returned,
 * i.e. after the database commit (where reading resumes is decided by the database, see
 * {@link ResumePoints}). A failure that reaches the container is transient by construction and is
 * retried on the same batch with exponential back-off and jitter, forever, logged and counted per
 * attempt.
 */
@Configuration(proxyBeanMethods = false)
class CommandConsumerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CommandConsumerConfiguration.class);

    /** How often the group's Kafka offsets (lag monitoring only) are committed. */
    static final Duration OFFSET_COMMIT_INTERVAL = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnProcessing
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> commandContainerFactory(
            TagProcessorProperties properties,
            KafkaClients clients,
            KafkaClientMeters clientMeters,
            MeterRegistry meters) {
        ConsumerSettings consumer = properties.consumer();
        ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(clients.consumer());
        consumers.setBeanName("commandConsumers");
        consumers.addListener(clientMeters.consumerListener());
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        factory.setConcurrency(consumer.concurrency());
        factory.setAutoStartup(consumer.autoStartup());
        factory.setCommonErrorHandler(transientFailureRetrier(consumer, meters));
        // The database holds the truth about where each partition resumes (command_offsets, written in
        // the batch's transaction); the group's Kafka offsets only feed lag monitoring, so they are
        // committed at most once a second (and when partitions are revoked) without waiting for the
        // broker (a failure is logged by the container). A commit after every batch took 12 % of the
        // listener threads' CPU at 500 commands/s, one request to the broker per batch.
        factory.getContainerProperties().setAckMode(AckMode.TIME);
        factory.getContainerProperties().setAckTime(OFFSET_COMMIT_INTERVAL.toMillis());
        factory.getContainerProperties().setSyncCommits(false);
        return factory;
    }

    @Bean
    CommandDecoder commandDecoder(SchemaRegistry schemaRegistry) {
        ConfluentAvroDeserializer<TagCommand> deserializer =
                new ConfluentAvroDeserializer<>(schemaRegistry, TagCommand.class);
        return deserializer::deserialize;
    }

    private static DefaultErrorHandler transientFailureRetrier(ConsumerSettings consumer, MeterRegistry meters) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(consumer.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(consumer.retryMaxInterval().toMillis());
        backOff.setJitter(consumer.retryInitialInterval().toMillis() / 2);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        // registered now, so the counter exists at 0 before the first retry
        Counter retries = meters.counter("tag_processor.consumer.retries");
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                retries.increment();
                try (LogScope scope = Mdc.batch(records)) {
                    log.warn(
                            "event=batch_retry attempt={} records={} error={}",
                            deliveryAttempt,
                            records.count(),
                            rootCause(ex));
                }
            }

            @Override
            public void failedDelivery(
                    org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                retries.increment();
                log.warn(
                        "event=record_retry attempt={} position={}/{}/{} error={}",
                        deliveryAttempt,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        rootCause(ex));
            }
        });
        return handler;
    }

    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
