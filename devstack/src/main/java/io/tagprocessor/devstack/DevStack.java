package io.tagprocessor.devstack;

import io.tagprocessor.TagProcessorApplication;
import io.tagprocessor.testinfra.ApicurioRegistry;
import io.tagprocessor.testinfra.FixedPortKafka;
import io.tagprocessor.testinfra.Ports;
import io.tagprocessor.testinfra.PostgresUrl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * One command for a local stack: an in-process Kafka broker (9092), Apicurio Registry as a child JVM
 * (8081), local PostgreSQL from DATABASE_URL, and the service itself (8080); busy ports fall back to
 * free ones. One shutdown hook stops the service, then the broker, then the registry, so Ctrl-C or
 * SIGTERM leaves nothing running.
 */
public final class DevStack {

    private static final int KAFKA_PORT = 9092;
    private static final int REGISTRY_PORT = 8081;
    private static final int SERVICE_PORT = 8080;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    private DevStack() {}

    public static void main(String[] args) {
        QuietLogs.apply(LogLevel.INFO, LogLevel.WARN);
        DevStack stack = new DevStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-shutdown"));
        try {
            stack.start(args);
        } catch (RuntimeException e) {
            System.err.println("devstack failed to start: " + e.getMessage());
            System.exit(1);
        }
    }

    private void start(String[] args) {
        StackAddresses.ofRunningStack().ifPresent(other -> {
            throw new IllegalStateException("a devstack is already running (pid " + other.pid() + ", Kafka "
                    + other.kafkaBootstrapServers() + "); stop it first");
        });
        PostgresUrl database = LocalDatabase.fromEnvironment();
        boolean created = LocalDatabase.ensureExists(database);

        ApicurioRegistry registry = ApicurioRegistry.launch(
                Ports.preferredOrFree(REGISTRY_PORT),
                StackAddresses.targetDirectory().resolve("apicurio-registry.log"));
        started(registry);
        FixedPortKafka kafka = started(FixedPortKafka.start(Ports.preferredOrFree(KAFKA_PORT)));
        registry.awaitReady();

        SpringApplication service = new SpringApplication(TagProcessorApplication.class);
        service.setMainApplicationClass(TagProcessorApplication.class);
        service.setRegisterShutdownHook(false);
        service.setDefaultProperties(QuietLogs.BOOT_DEFAULTS);
        ConfigurableApplicationContext context =
                started(service.run(serviceArguments(kafka, registry, database, args)));

        StackAddresses addresses = addressesOf(context.getEnvironment(), kafka, registry, database);
        addresses.write();
        System.out.println(Banner.render(addresses, created, registry.logFile()));
    }

    private static String[] serviceArguments(
            FixedPortKafka kafka, ApicurioRegistry registry, PostgresUrl database, String[] args) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tag-processor.schema-registry.url=" + registry.ccompatUrl(),
                "--tag-processor.database.url=" + database.jdbcUrl(),
                "--tag-processor.database.username=" + database.username()));
        if (!database.password().isEmpty()) {
            arguments.add("--tag-processor.database.password=" + database.password());
        }
        if (System.getenv("SERVER_PORT") == null) {
            arguments.add("--server.port=" + Ports.preferredOrFree(SERVICE_PORT));
        }
        arguments.addAll(Arrays.asList(args));
        return arguments.toArray(String[]::new);
    }

    private static StackAddresses addressesOf(
            Environment environment, FixedPortKafka kafka, ApicurioRegistry registry, PostgresUrl database) {
        return new StackAddresses(
                ProcessHandle.current().pid(),
                kafka.bootstrapServers(),
                registry.ccompatUrl(),
                registry.baseUrl(),
                database.toString(),
                "http://127.0.0.1:" + environment.getProperty("local.server.port", "?"),
                environment.getProperty("tag-processor.topics.commands", "tag-commands"),
                environment.getProperty("tag-processor.topics.events", "tag-events"));
    }

    private synchronized <T extends AutoCloseable> T started(T component) {
        running.push(component);
        return component;
    }

    private synchronized void stop() {
        StackAddresses.deleteOwn();
        while (!running.isEmpty()) {
            AutoCloseable component = running.pop();
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("devstack: stopping " + component.getClass().getSimpleName() + " failed: " + e);
            }
        }
        System.out.println("devstack stopped");
    }
}
