package io.tagprocessor.config;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Asks the cluster once, before any listener or relay starts, whether it accepts the service's
 * credentials. Refused credentials (SASL or TLS authentication, authorization) fail startup with a
 * message naming the settings to check: a Kafka client would otherwise retry them forever while the
 * service looks alive. An unreachable cluster is only logged: brokers often start after the service.
 */
final class KafkaAccessCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(KafkaAccessCheck.class);

    private final Map<String, Object> adminConfig;
    private final Duration timeout;

    KafkaAccessCheck(Map<String, Object> adminConfig, Duration timeout) {
        this.adminConfig = adminConfig;
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, Object> config = new HashMap<>(adminConfig);
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "tag-processor-access-check");
        String servers = bootstrapServers(config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        Object protocol = config.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        try (Admin admin = Admin.create(config)) {
            String clusterId = admin.describeCluster().clusterId().get(millis, TimeUnit.MILLISECONDS);
            log.info(
                    "event=kafka_access_checked bootstrap_servers={} security_protocol={} cluster_id={}",
                    servers,
                    protocol,
                    clusterId);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw new IllegalStateException(
                        "Kafka at " + servers + " refused the service (security.protocol="
                                + protocol + "): " + cause.getMessage()
                                + ". Check SPRING_KAFKA_SECURITY_PROTOCOL, SPRING_KAFKA_PROPERTIES_SASL_MECHANISM,"
                                + " SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG and SPRING_KAFKA_SSL_*.",
                        cause);
            }
            log.warn("event=kafka_unreachable bootstrap_servers={} error={}", servers, String.valueOf(cause));
        } catch (TimeoutException e) {
            log.warn("event=kafka_unreachable bootstrap_servers={} error=\"no answer within {}\"", servers, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking access to Kafka", e);
        }
    }

    private static String bootstrapServers(Object configured) {
        if (configured instanceof Collection<?> servers) {
            return servers.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(configured);
    }
}
