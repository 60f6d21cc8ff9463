package io.tagprocessor.chaos.stack;

import io.tagprocessor.testinfra.ApicurioRegistry;
import io.tagprocessor.testinfra.Ports;
import io.tagprocessor.testinfra.StandaloneKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one run needs besides the service: a standalone broker (its own process, so it can be
 * stopped and restarted), the Apicurio registry (test-infra's launcher), a fresh database, and the
 * five topics created up front with {@value Topics#PARTITIONS} partitions.
 */
public final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);

    private final Path directory;
    private final StandaloneKafka kafka;
    private final ApicurioRegistry registry;
    private final ChaosDatabase database;

    private Stack(Path directory, StandaloneKafka kafka, ApicurioRegistry registry, ChaosDatabase database) {
        this.directory = directory;
        this.kafka = kafka;
        this.registry = registry;
        this.database = database;
    }

    public static Stack start(Path directory, Map<String, String> commandTopicConfig) {
        CompletableFuture<ApicurioRegistry> registry = CompletableFuture.supplyAsync(
                () -> ApicurioRegistry.start(Ports.free(), directory.resolve("registry.log")));
        StandaloneKafka kafka = StandaloneKafka.in(directory.resolve("kafka"));
        ChaosDatabase database = null;
        try {
            kafka.start();
            createTopics(kafka.bootstrapServers(), commandTopicConfig);
            database = ChaosDatabase.create("chaos");
            Stack stack = new Stack(directory, kafka, registry.get(120, TimeUnit.SECONDS), database);
            log.info(
                    "chaos=stack_ready kafka={} registry={} database={}",
                    kafka.bootstrapServers(),
                    stack.registryUrl(),
                    database.name());
            return stack;
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            kafka.kill();
            registry.thenAccept(ApicurioRegistry::close);
            if (database != null) {
                database.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("chaos stack did not start: " + e.getMessage(), e);
        }
    }

    public StandaloneKafka kafka() {
        return kafka;
    }

    public ChaosDatabase database() {
        return database;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.ccompatUrl();
    }

    public Path directory() {
        return directory;
    }

    /** A service instance on its own port against this stack (not started). */
    public ServiceInstance service(String name, Path jar, int concurrency, Map<String, String> extraEnvironment) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", database.jdbcUrl());
        environment.put("DATABASE_USERNAME", database.username());
        environment.put("DATABASE_PASSWORD", database.password());
        environment.put("DATABASE_MAX_POOL_SIZE", "4");
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("SCHEMA_REGISTRY_URL", registry.ccompatUrl());
        environment.put("TOPIC_PARTITIONS", Integer.toString(Topics.PARTITIONS));
        environment.put("CONSUMER_CONCURRENCY", Integer.toString(concurrency));
        environment.putAll(extraEnvironment);
        return new ServiceInstance(name, jar, directory, Ports.free(), environment);
    }

    @Override
    public void close() {
        kafka.stop();
        registry.close();
        database.close();
    }

    private static void createTopics(String bootstrapServers, Map<String, String> commandTopicConfig) {
        List<NewTopic> topics = List.of(
                new NewTopic(Topics.COMMANDS, Topics.PARTITIONS, (short) 1).configs(commandTopicConfig),
                new NewTopic(Topics.EVENTS, Topics.PARTITIONS, (short) 1),
                new NewTopic(Topics.ENTITY_STATE, Topics.PARTITIONS, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(Topics.REJECTIONS, Topics.PARTITIONS, (short) 1),
                new NewTopic(Topics.DEAD_LETTER, Topics.PARTITIONS, (short) 1).configs(commandTopicConfig));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).all().get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create the topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
