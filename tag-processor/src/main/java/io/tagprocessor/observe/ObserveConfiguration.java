package io.tagprocessor.observe;

import io.tagprocessor.config.KafkaClients;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.OutboxBacklogRepository;
import io.tagprocessor.relay.OutboxRelay;
import io.tagprocessor.store.AdvisoryLocks;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The readiness checks {@code kafka}, {@code relay} and {@code outbox} (Spring Boot names a check
 * after its bean, less "HealthIndicator"; {@code db} is Boot's own) and the backlog gauges. Their
 * queries run on a client whose statements give up after {@link #QUERY_TIMEOUT}, so a slow database
 * makes a probe fail rather than hang. Present in migrate-only mode too (where the process exits
 * before anyone asks), so that the readiness group's members always exist.
 */
@Configuration(proxyBeanMethods = false)
class ObserveConfiguration {

    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

    /** Three missed heartbeats at the default interval, and never less than ten seconds. */
    private static final Duration MIN_HEARTBEAT_STALE = Duration.ofSeconds(10);

    @Bean
    OutboxBacklog outboxBacklog(DataSource dataSource, TagProcessorProperties properties) {
        return new OutboxBacklog(
                new OutboxBacklogRepository(boundedClient(dataSource)),
                properties.observe().backlogSampleInterval());
    }

    @Bean
    HealthIndicator outboxHealthIndicator(OutboxBacklog backlog, TagProcessorProperties properties) {
        return new OutboxHealth(backlog, properties.observe());
    }

    @Bean
    HealthIndicator relayHealthIndicator(ObjectProvider<OutboxRelay> relays, DataSource dataSource) {
        return new RelayHealth(relays, new AdvisoryLocks(boundedClient(dataSource)));
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaListenerEndpointRegistry registry, ObjectProvider<KafkaClients> clients) {
        Object interval = clients.stream()
                .map(c -> c.consumer().get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(3000);
        Duration stale = Duration.ofMillis(3 * Long.parseLong(interval.toString()));
        return new KafkaListenerHealth(
                registry, stale.compareTo(MIN_HEARTBEAT_STALE) > 0 ? stale : MIN_HEARTBEAT_STALE);
    }

    private static JdbcClient boundedClient(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout((int) QUERY_TIMEOUT.toSeconds());
        return JdbcClient.create(template);
    }
}
