package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) as a separate OS process,
 * so that tests can stop it, {@code kill -9} it and start it again on the same port and data
 * directory. The child JVM runs {@code kafka.Kafka} from the kafka_2.13 jars Maven resolved for this
 * module; it halts by itself if the JVM that launched it dies (see {@link ChildProcess}).
 */
public final class StandaloneKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandaloneKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** The broker JVM of tests: quick to start (C1 only), small heap. The default. */
    public static final List<String> TEST_JVM =
            List.of("-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path directory;
    private final StandaloneKafkaSettings settings;
    private final List<String> jvmOptions;
    private final String clusterId = Uuid.randomUuid().toString();
    private ChildProcess process;

    private StandaloneKafka(Path directory, StandaloneKafkaSettings settings, List<String> jvmOptions) {
        this.directory = directory;
        this.settings = settings;
        this.jvmOptions = jvmOptions;
    }

    /** A broker that will keep its data in {@code directory} and listen on a port chosen now, free at this moment. */
    public static StandaloneKafka in(Path directory) {
        return new StandaloneKafka(
                directory.toAbsolutePath(),
                new StandaloneKafkaSettings(Ports.free(), Ports.free(), 0, Map.of()),
                TEST_JVM);
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
        return new StandaloneKafka(
                directory.toAbsolutePath(),
                new StandaloneKafkaSettings(Ports.free(), Ports.free(), Ports.free(), Map.copyOf(users)),
                TEST_JVM);
    }

    /** This broker (not started yet) on other JVM options, e.g. full JIT for a measurement. */
    public StandaloneKafka withJvm(List<String> options) {
        if (process != null) {
            throw new IllegalStateException("the broker was started already");
        }
        return new StandaloneKafka(directory, settings, List.copyOf(options));
    }

    /** Formats the storage on first use, launches the broker and returns once it answers an admin client. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("server.properties"), settings.serverProperties(dataDirectory()));
            Files.writeString(directory.resolve("logback.xml"), StandaloneKafkaSettings.LOGBACK_XML);
            if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka directory " + directory, e);
        }
        process = launch(
                "kafka.Kafka", List.of(directory.resolve("server.properties").toString()));
        awaitReady();
        log.info(
                "kafka=standalone_ready bootstrap_servers={} pid={} startup_ms={}",
                bootstrapServers(),
                process.pid(),
                (System.nanoTime() - process.launchedNanos()) / 1_000_000);
    }

    /** Graceful shutdown (SIGTERM: controlled shutdown, logs flushed); killed if not done within 30 s. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        if (process.stop(STOP_TIMEOUT)) {
            log.info("kafka=standalone_stopped pid={}", process.pid());
        } else {
            log.warn("kafka=standalone_stop_timeout pid={} action=killed", process.pid());
        }
    }

    /** {@code kill -9}: the broker gets no chance to flush or close anything. */
    public synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        process.kill();
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

    /** The broker's process id, while it runs. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** Deletes the broker's data (its log file stays); only while it is not running. */
    public synchronized void deleteData() {
        if (isRunning()) {
            throw new IllegalStateException("the broker still runs on " + dataDirectory());
        }
        Directories.delete(dataDirectory());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    /** The SASL_PLAINTEXT listener of a broker made by {@link #withSaslPlain}. */
    public String saslBootstrapServers() {
        if (settings.saslPort() == 0) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + settings.saslPort();
    }

    public int port() {
        return settings.port();
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

    private void format() {
        ChildProcess formatter = launch(
                "kafka.tools.StorageTool",
                List.of(
                        "format",
                        "-t",
                        clusterId,
                        "-c",
                        directory.resolve("server.properties").toString(),
                        "--standalone"));
        if (formatter.awaitExit(FORMAT_TIMEOUT).orElse(-1) != 0) {
            formatter.kill();
            throw new IllegalStateException("Formatting the Kafka storage in " + dataDirectory()
                    + " failed; last lines of " + logFile() + ":\n" + formatter.logTail());
        }
    }

    private ChildProcess launch(String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.addAll(List.of(
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp",
                StandaloneKafkaSettings.kafkaClassPath(),
                mainClass));
        command.addAll(arguments);
        return ChildProcess.launch("Standalone Kafka (" + mainClass + ")", command, Map.of(), directory, logFile());
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis()))) {
            process.awaitReady(READY_TIMEOUT, () -> hasNodes(admin));
        } catch (IllegalStateException e) {
            kill();
            throw e;
        }
    }

    private static boolean hasNodes(Admin admin) {
        try {
            return !admin.describeCluster()
                    .nodes()
                    .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
