package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the packaged service runs against, each part a process of its own: a standalone broker
 * (so it can be stopped, killed and restarted, and its CPU measured apart), the Apicurio registry, and
 * fresh databases on a PostgreSQL server. Logs go to one directory. Closing it drops the databases it
 * made, stops the registry and the broker and deletes the broker's data (its log stays).
 */
public final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);

    private final Path directory;
    private final StandaloneKafka kafka;
    private final ApicurioRegistry registry;
    private final PostgresServer postgres;
    private final Admin admin;
    private final List<PostgresDatabase> databases = new ArrayList<>();

    private Stack(Path directory, StandaloneKafka kafka, ApicurioRegistry registry, PostgresServer postgres) {
        this.directory = directory;
        this.kafka = kafka;
        this.registry = registry;
        this.postgres = postgres;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /**
     * Starts the broker and the registry (side by side) with their logs and data in {@code directory}.
     * The broker starts empty: data a killed run left behind is deleted first. Its JVM is the one of
     * tests ({@link StandaloneKafka#TEST_JVM}).
     */
    public static Stack start(Path directory, PostgresServer postgres) {
        return start(directory, postgres, StandaloneKafka.TEST_JVM);
    }

    /** As {@link #start(Path, PostgresServer)}, the broker on these JVM options. */
    public static Stack start(Path directory, PostgresServer postgres, List<String> brokerJvm) {
        Path absolute = directory.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + absolute, e);
        }
        ApicurioRegistry registry = ApicurioRegistry.launch(Ports.free(), absolute.resolve("registry.log"));
        StandaloneKafka kafka = StandaloneKafka.in(absolute.resolve("kafka")).withJvm(brokerJvm);
        try {
            kafka.deleteData();
            kafka.start();
            registry.awaitReady();
        } catch (RuntimeException e) {
            kafka.kill();
            registry.close();
            throw new IllegalStateException("the stack did not start: " + e.getMessage(), e);
        }
        log.info(
                "stack=ready kafka={} registry={} directory={}",
                kafka.bootstrapServers(),
                registry.ccompatUrl(),
                absolute);
        return new Stack(absolute, kafka, registry, postgres);
    }

    public StandaloneKafka kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's Confluent-compatible API base. */
    public String registryUrl() {
        return registry.ccompatUrl();
    }

    public long registryPid() {
        return registry.pid();
    }

    /** An admin client of the broker, open while the stack runs. */
    public Admin admin() {
        return admin;
    }

    /** Where the logs (and the broker's data) are. */
    public Path directory() {
        return directory;
    }

    /** A fresh empty database, dropped when the stack closes. */
    public synchronized PostgresDatabase newDatabase(String prefix) {
        PostgresDatabase database = postgres.create(prefix);
        databases.add(database);
        return database;
    }

    /** Creates the service's topics up front; {@code commandConfig} goes to the commands and dead-letter topics. */
    public void createTopics(ServiceTopics topics, Map<String, String> commandConfig) {
        TopicAdmin.create(admin, topics.newTopics(commandConfig));
    }

    /** Creates the service's topics up front with the broker's defaults for each. */
    public void createTopics(ServiceTopics topics) {
        createTopics(topics, Map.of());
    }

    /** How many records the topic holds. */
    public long records(String topic) {
        return TopicAdmin.records(admin, topic);
    }

    /** Creates one plain topic. */
    public void createTopic(String name, int partitions) {
        TopicAdmin.create(admin, List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /** The environment that points the service at this stack, this database and these topics. */
    public Map<String, String> serviceEnvironment(PostgresDatabase database, ServiceTopics topics) {
        Map<String, String> environment = new LinkedHashMap<>(database.environment());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("SCHEMA_REGISTRY_URL", registry.ccompatUrl());
        environment.putAll(topics.environment());
        return environment;
    }

    /** A service process on a free port, logging into this stack's directory (not started). */
    public ServiceProcess service(String name, Path jar, List<String> javaOptions, Map<String, String> environment) {
        return new ServiceProcess(name, jar, directory, Ports.free(), javaOptions, environment);
    }

    @Override
    public synchronized void close() {
        admin.close();
        databases.forEach(PostgresDatabase::close);
        databases.clear();
        registry.close();
        kafka.stop();
        kafka.deleteData();
    }
}
