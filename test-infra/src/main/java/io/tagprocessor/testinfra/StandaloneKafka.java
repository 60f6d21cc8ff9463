package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) as a separate OS process,
 * so that tests can stop it, {@code kill -9} it and start it again on the same port and data
 * directory. The child JVM runs {@code kafka.Kafka} from the kafka_2.13 jars Maven resolved for this
 * module; it halts by itself if the JVM that launched it dies (see {@link ParentWatchdog}).
 */
public final class StandaloneKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandaloneKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final int LOG_TAIL_LINES = 40;
    private static final String CLASSPATH_RESOURCE = "/standalone-kafka.classpath";

    private static final String SERVER_PROPERTIES = """
            process.roles=broker,controller
            node.id=1
            controller.quorum.bootstrap.servers=127.0.0.1:%2$d
            listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
            advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
            controller.listener.names=CONTROLLER
            inter.broker.listener.name=PLAINTEXT
            listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
            log.dirs=%3$s
            num.partitions=1
            auto.create.topics.enable=true
            offsets.topic.replication.factor=1
            offsets.topic.num.partitions=5
            transaction.state.log.replication.factor=1
            transaction.state.log.min.isr=1
            transaction.state.log.num.partitions=5
            share.coordinator.state.topic.replication.factor=1
            share.coordinator.state.topic.min.isr=1
            group.initial.rebalance.delay.ms=0
            log.cleaner.backoff.ms=1000
            """;

    /** An extra listener that authenticates clients with SASL/PLAIN against the users given. */
    private static final String SASL_PLAIN_LISTENER = """
            listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d,SASL_PLAINTEXT://127.0.0.1:%3$d
            advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,SASL_PLAINTEXT://127.0.0.1:%3$d
            listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
            sasl.enabled.mechanisms=PLAIN
            listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN
            listener.name.sasl_plaintext.plain.sasl.jaas.config=\
              org.apache.kafka.common.security.plain.PlainLoginModule required %4$s;
            """;

    private static final String LOGBACK_XML = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <logger name="kafka.server.BrokerServer" level="INFO"/>
              <logger name="kafka.server.ControllerServer" level="INFO"/>
              <logger name="kafka.Kafka" level="INFO"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final int saslPort;
    private final Map<String, String> saslUsers;
    private final String clusterId = Uuid.randomUuid().toString();
    private Process process;

    private StandaloneKafka(Path directory, int port, int controllerPort, int saslPort, Map<String, String> saslUsers) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = saslPort;
        this.saslUsers = Map.copyOf(saslUsers);
    }

    /** A broker that will keep its data in {@code directory} and listen on a port chosen now, free at this moment. */
    public static StandaloneKafka in(Path directory) {
        return new StandaloneKafka(directory.toAbsolutePath(), Ports.free(), Ports.free(), 0, Map.of());
    }

    /**
     * Like {@link #in}, plus a {@code SASL_PLAINTEXT} listener ({@link #saslBootstrapServers()}) that
     * accepts these users (name to password) with the PLAIN mechanism. The plaintext listener stays for
     * the broker itself and for tests that need a side door.
     */
    public static StandaloneKafka withSaslPlain(Path directory, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL listener needs at least one user");
        }
        return new StandaloneKafka(directory.toAbsolutePath(), Ports.free(), Ports.free(), Ports.free(), users);
    }

    /** Formats the storage on first use, launches the broker and returns once it answers an admin client. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("server.properties"), serverProperties());
            Files.writeString(directory.resolve("logback.xml"), LOGBACK_XML);
            if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka directory " + directory, e);
        }
        long launched = System.nanoTime();
        process = launch(
                "kafka.Kafka", List.of(directory.resolve("server.properties").toString()));
        awaitReady();
        log.info(
                "kafka=standalone_ready bootstrap_servers={} pid={} startup_ms={}",
                bootstrapServers(),
                process.pid(),
                (System.nanoTime() - launched) / 1_000_000);
    }

    /** Graceful shutdown (SIGTERM: controlled shutdown, logs flushed); killed if not done within 30 s. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        process.destroy();
        if (!waitFor(process, STOP_TIMEOUT)) {
            log.warn("kafka=standalone_stop_timeout pid={} action=kill", process.pid());
            kill();
            return;
        }
        log.info("kafka=standalone_stopped pid={}", process.pid());
    }

    /** {@code kill -9}: the broker gets no chance to flush or close anything. */
    public synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        waitFor(process, STOP_TIMEOUT);
        log.info("kafka=standalone_killed pid={}", process.pid());
    }

    /** Graceful stop, then start again with the same data directory and port. */
    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_PLAINTEXT listener of a broker made by {@link #withSaslPlain}. */
    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + saslPort;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return directory.resolve("broker.log");
    }

    @Override
    public void close() {
        stop();
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    private String serverProperties() {
        // backslashes would be escapes in a properties file
        String logDirs = dataDirectory().toString().replace('\\', '/');
        String properties = SERVER_PROPERTIES.formatted(port, controllerPort, logDirs);
        if (saslPort == 0) {
            return properties;
        }
        StringBuilder users = new StringBuilder();
        saslUsers.forEach((name, password) -> users.append(" user_")
                .append(name)
                .append("=\"")
                .append(password)
                .append('"'));
        // later keys win in a properties file, so the SASL listener lines replace the plain ones
        return properties
                + SASL_PLAIN_LISTENER.formatted(
                        port, controllerPort, saslPort, users.toString().strip());
    }

    private void format() {
        Process formatter = launch(
                "kafka.tools.StorageTool",
                List.of(
                        "format",
                        "-t",
                        clusterId,
                        "-c",
                        directory.resolve("server.properties").toString(),
                        "--standalone"));
        if (!waitFor(formatter, FORMAT_TIMEOUT) || formatter.exitValue() != 0) {
            formatter.destroyForcibly();
            throw new IllegalStateException("Formatting the Kafka storage in " + dataDirectory()
                    + " failed; last lines of " + logFile() + ":\n" + logTail());
        }
    }

    private Process launch(String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx768m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-javaagent:" + WatchdogAgentJar.writeInto(directory) + "="
                        + ProcessHandle.current().pid(),
                "-cp",
                kafkaClassPath(),
                mainClass));
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + mainClass, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis()))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw notReady("exited with code " + process.exitValue(), last);
                }
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notReady("interrupted while waiting", e);
                } catch (Exception e) {
                    last = e;
                }
                sleep(Duration.ofMillis(200));
            }
        }
        kill();
        throw notReady("not ready after " + READY_TIMEOUT.toSeconds() + " s", last);
    }

    private IllegalStateException notReady(String reason, Exception cause) {
        return new IllegalStateException(
                "Standalone Kafka at " + bootstrapServers() + " " + reason + "; last lines of " + logFile() + ":\n"
                        + logTail(),
                cause);
    }

    private String logTail() {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The class path Maven resolved for test-infra (written at build time), else this JVM's own. */
    static String kafkaClassPath() {
        try (InputStream in = StandaloneKafka.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in != null) {
                String resolved = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!resolved.isEmpty()) {
                    return resolved;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CLASSPATH_RESOURCE, e);
        }
        return System.getProperty("java.class.path");
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
