package io.tagprocessor.observe;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Readiness of the command listener, from its consumers' own client metrics: UP when every listener
 * container runs and each of its consumers is connected to the cluster ({@code connection-count} > 0),
 * has joined its group ({@code last-rebalance-seconds-ago} ≥ 0) and heard from the group coordinator
 * recently ({@code last-heartbeat-seconds-ago}, which catches a connection that is only being retried). A consumer with no partitions (more instances than
 * partitions) is still ready: it is in the group and takes over partitions at the next rebalance.
 */
final class KafkaListenerHealth implements HealthIndicator {

    private static final String CONSUMER = "consumer-metrics";
    private static final String COORDINATOR = "consumer-coordinator-metrics";

    private final KafkaListenerEndpointRegistry registry;
    private final double heartbeatStaleSeconds;

    KafkaListenerHealth(KafkaListenerEndpointRegistry registry, Duration heartbeatStale) {
        this.registry = registry;
        this.heartbeatStaleSeconds = heartbeatStale.toSeconds();
    }

    @Override
    public Health health() {
        Collection<MessageListenerContainer> containers = registry.getListenerContainers();
        if (containers.isEmpty()) {
            return Health.down().withDetail("listener", "none").build();
        }
        boolean ready = true;
        Map<String, Object> consumers = new LinkedHashMap<>();
        for (MessageListenerContainer container : containers) {
            Map<String, Map<MetricName, ? extends Metric>> clients = container.metrics();
            if (!container.isRunning() || clients.isEmpty()) {
                consumers.put(container.getListenerId(), container.isRunning() ? "starting" : "stopped");
                ready = false;
                continue;
            }
            for (Map.Entry<String, Map<MetricName, ? extends Metric>> client : clients.entrySet()) {
                ConsumerState state = ConsumerState.of(client.getValue(), heartbeatStaleSeconds);
                consumers.put(client.getKey(), state.describe());
                ready &= state.ready();
            }
        }
        return (ready ? Health.up() : Health.down())
                .withDetail("consumers", consumers)
                .build();
    }

    /** One consumer as its metrics describe it. */
    record ConsumerState(
            double connections, double sinceRebalance, double sinceHeartbeat, double partitions, double staleAfter) {

        static ConsumerState of(Map<MetricName, ? extends Metric> metrics, double staleAfter) {
            return new ConsumerState(
                    value(metrics, CONSUMER, "connection-count"),
                    value(metrics, COORDINATOR, "last-rebalance-seconds-ago"),
                    value(metrics, COORDINATOR, "last-heartbeat-seconds-ago"),
                    value(metrics, COORDINATOR, "assigned-partitions"),
                    staleAfter);
        }

        boolean connected() {
            // -1: joined but no heartbeat sent yet
            return connections > 0 && sinceHeartbeat <= staleAfter;
        }

        boolean joined() {
            return sinceRebalance >= 0;
        }

        boolean ready() {
            return connected() && joined();
        }

        Map<String, Object> describe() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("connected", connected());
            details.put("joined", joined());
            details.put("assignedPartitions", Double.isNaN(partitions) ? 0 : (long) partitions);
            return details;
        }

        private static double value(Map<MetricName, ? extends Metric> metrics, String group, String name) {
            for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
                if (metric.getKey().group().equals(group)
                        && metric.getKey().name().equals(name)) {
                    Object value = metric.getValue().metricValue();
                    return value instanceof Number number ? number.doubleValue() : Double.NaN;
                }
            }
            return Double.NaN;
        }
    }
}
