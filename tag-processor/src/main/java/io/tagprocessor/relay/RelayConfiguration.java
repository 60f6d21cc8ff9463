package io.tagprocessor.relay;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.FatalErrorHandler;
import io.tagprocessor.config.ProcessingMode;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.store.OutboxRepository;
import java.sql.DriverManager;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the outbox relay unless {@code tag-processor.relay.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProcessing
@ConditionalOnBooleanProperty(name = "tag-processor.relay.enabled", matchIfMissing = true)
class RelayConfiguration {

    @Bean
    OutboxRelay outboxRelay(
            DataSource dataSource,
            OutboxRepository outbox,
            Producer<byte[], byte[]> relayProducer,
            TagProcessorProperties properties,
            MeterRegistry meters,
            FatalErrorHandler fatal) {
        return new OutboxRelay(
                physicalConnections(dataSource),
                outbox,
                new OutboxPublisher(relayProducer),
                properties.mode() == ProcessingMode.SIMPLE ? properties.relay().rowByRow() : properties.relay(),
                meters,
                fatal);
    }

    /** The pool's own settings, but a connection of its own (the lock must die with it). */
    static RelayConnections physicalConnections(DataSource dataSource) {
        return () -> {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        };
    }
}
