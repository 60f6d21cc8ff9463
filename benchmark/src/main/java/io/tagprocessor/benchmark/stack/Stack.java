package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.ApicurioRegistry;
import io.tagprocessor.testinfra.Ports;
import io.tagprocessor.wire.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a run needs besides the service: the broker, the schema registry (test-infra's
 * launcher, a child JVM), the local PostgreSQL, an admin client, and where logs go. Closing it
 * drops the databases and stops the registry and the broker.
 */
public final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);

    private final Broker broker;
    private final ApicurioRegistry registry;
    private final Databases databases;
    private final Admin admin;
    private final Path logs;

    private Stack(Broker broker, ApicurioRegistry registry, Databases databases, Admin admin, Path logs) {
        this.broker = broker;
        this.registry = registry;
        this.databases = databases;
        this.admin = admin;
        this.logs = logs;
    }

    public static Stack start(Path logs, Databases databases) {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApicurioRegistry registry = ApicurioRegistry.start(Ports.free(), logs.resolve("apicurio-registry.log"));
        Broker broker;
        try {
            broker = Broker.start(logs);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        log.info(
                "stack=ready kafka={} kafka_kind={} registry={}",
                broker.bootstrapServers(),
                broker.kind(),
                registry.ccompatUrl());
        return new Stack(broker, registry, databases, admin, logs);
    }

    public Broker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.ccompatUrl();
    }

    public long registryPid() {
        return registry.pid();
    }

    /** A client of the registry as producers and subscribers use it: each schema and id asked once. */
    public SchemaRegistry schemaRegistry() {
        return SchemaRegistry.caching(registry.ccompatUrl(), null, null, Duration.ofSeconds(10));
    }

    public Databases databases() {
        return databases;
    }

    public Admin admin() {
        return admin;
    }

    public Path logs() {
        return logs;
    }

    @Override
    public void close() {
        admin.close();
        databases.close();
        registry.close();
        broker.close();
    }
}
