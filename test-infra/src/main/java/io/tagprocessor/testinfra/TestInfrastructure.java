package io.tagprocessor.testinfra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shared fixture for integration tests: a real Kafka broker, a real schema registry and
 * throw-away PostgreSQL databases, started once per JVM on first use and stopped by a shutdown hook.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private static TestInfrastructure instance;
    private static RuntimeException startupFailure;

    private final KafkaCluster kafka;
    private final ApicurioRegistry registry;

    private TestInfrastructure(KafkaCluster kafka, ApicurioRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts (once per JVM, lazily, thread-safe) a real Kafka broker and a real schema registry; registers a JVM shutdown hook that stops both. */
    public static synchronized TestInfrastructure get() {
        if (startupFailure != null) {
            throw new IllegalStateException("Test infrastructure failed to start earlier in this JVM", startupFailure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startupFailure = e;
                throw e;
            }
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Confluent-compatible API base, e.g. http://127.0.0.1:PORT/apis/ccompat/v7 */
    public String schemaRegistryUrl() {
        return registry.ccompatUrl();
    }

    /** Registry root, e.g. http://127.0.0.1:PORT (Apicurio's native API at /apis/registry/v3 for Apicurio's own serde). */
    public String registryBaseUrl() {
        return registry.baseUrl();
    }

    /** Creates a brand-new empty PostgreSQL database (unique name with this prefix) and returns it; close() drops it (WITH (FORCE)). */
    public PostgresDatabase newDatabase(String namePrefix) {
        return PostgresServer.shared().create(namePrefix);
    }

    /** Creates the topics (replication factor 1) that do not exist yet; existing ones are left as they are. */
    public void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            TopicAdmin.create(
                    admin,
                    Arrays.stream(names)
                            .map(name -> new NewTopic(name, partitions, (short) 1))
                            .toList());
        }
    }

    private static TestInfrastructure start() {
        // The registry JVM boots while the broker starts in this one.
        Path logFile = Path.of(System.getProperty("user.dir"), "target", "apicurio-registry.log");
        ApicurioRegistry registry = ApicurioRegistry.launch(Ports.free(), logFile);
        KafkaCluster kafka;
        try {
            kafka = KafkaCluster.start();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        try {
            registry.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        TestInfrastructure infrastructure = new TestInfrastructure(kafka, registry);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "test-infrastructure-shutdown"));
        log.info("test_infrastructure=ready kafka={} registry={}", kafka.bootstrapServers(), registry.ccompatUrl());
        return infrastructure;
    }

    private void stop() {
        quietly("kafka", kafka::close);
        quietly("registry", registry::close);
    }

    private static void quietly(String component, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            log.warn("test_infrastructure=stop_failed component={} error={}", component, e.toString());
        }
    }
}
