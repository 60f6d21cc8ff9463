package io.tagprocessor.testinfra;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft Kafka broker in this JVM (spring-kafka-test). Topics are auto-created and
 * every internal topic needs only this one replica, so transactions and consumer groups work.
 */
public final class InProcessKafka implements KafkaCluster {

    private static final Logger log = LoggerFactory.getLogger(InProcessKafka.class);
    /** Settings for a one-broker cluster; shared with {@link FixedPortKafka}. */
    static final Map<String, String> BROKER_PROPERTIES = Map.of(
            "auto.create.topics.enable", "true",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            // fewer internal partitions than the default 50: much faster first consumer group and transaction
            "offsets.topic.num.partitions", "5",
            "transaction.state.log.num.partitions", "5",
            "group.initial.rebalance.delay.ms", "0");

    private final EmbeddedKafkaKraftBroker broker;

    private InProcessKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** Starts the broker on a free port and returns once it accepts clients. For a chosen port see {@link FixedPortKafka}. */
    public static InProcessKafka start() {
        long started = System.nanoTime();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(BROKER_PROPERTIES);
        broker.afterPropertiesSet();
        InProcessKafka kafka = new InProcessKafka(broker);
        log.info(
                "kafka=in_process bootstrap_servers={} startup_ms={}",
                kafka.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
