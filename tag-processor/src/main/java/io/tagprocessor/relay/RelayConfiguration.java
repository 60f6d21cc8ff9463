package io.tagprocessor.relay;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.FatalErrorHandler;
import io.tagprocessor.config.ProcessingMode;
import io.tagprocessor.config.RelayProducers;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.OutboxRepository;
import java.sql.DriverManager;
import java.util.Properties;
import javax.sql.DataSource;
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
            RelayProducers relayProducers,
            TagProcessorProperties properties,
            MeterRegistry meters,
            FatalErrorHandler fatal) {
        return new OutboxRelay(
                physicalConnections(dataSource),
                outbox,
                relayProducers,
                properties.mode() == ProcessingMode.SIMPLE ? properties.relay().polledEvery100ms() : properties.relay(),
                meters,
                fatal);
    }

    /**
     * The pool's own settings, but a connection of its own (the lock must die with it), with TCP
     * keepalive and a socket timeout: a leader whose database vanished notices within
     * {@link #SOCKET_TIMEOUT_SECONDS} instead of waiting on a dead socket for hours. The server side
     * ({@code tcp_keepalives_*}, README "Relay failover") is what frees the lock of a vanished leader.
     */
    static RelayConnections physicalConnections(DataSource dataSource) {
        return () -> {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            Properties properties = new Properties();
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
            properties.setProperty("ApplicationName", "tag-processor-relay");
            return DriverManager.getConnection(pool.getJdbcUrl(), properties);
        };
    }

    /** Longer than any statement of the relay (it never blocks on the socket waiting for a NOTIFY). */
    static final int SOCKET_TIMEOUT_SECONDS = 60;
}
