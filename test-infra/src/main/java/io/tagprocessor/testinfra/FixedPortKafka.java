package io.tagprocessor.testinfra;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller) in this JVM on a port of the caller's choosing,
 * for the devstack. EmbeddedKafkaKraftBroker cannot do this: its test kit always binds random ports.
 * Storage is formatted in a fresh temporary directory and deleted on close.
 */
public final class FixedPortKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FixedPortKafka.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final Path dataDirectory;
    private final String bootstrapServers;

    private FixedPortKafka(KafkaRaftServer server, Path dataDirectory, String bootstrapServers) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats storage, starts broker and controller, and returns once clients can connect on {@code port}. */
    public static FixedPortKafka start(int port) {
        long started = System.nanoTime();
        try {
            Path dataDirectory = Files.createTempDirectory("testinfra-kafka-");
            int controllerPort = Ports.free();
            KafkaConfig config = KafkaConfig.fromProps(settings(port, controllerPort, dataDirectory), false);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(0)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDirectory.toString()))
                    .setMetadataLogDirectory(dataDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            FixedPortKafka kafka = new FixedPortKafka(server, dataDirectory, "127.0.0.1:" + port);
            log.info(
                    "kafka=in_process bootstrap_servers={} startup_ms={}",
                    kafka.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        Directories.delete(dataDirectory);
    }

    private static Properties settings(int port, int controllerPort, Path dataDirectory) {
        Properties settings = new Properties();
        settings.putAll(InProcessKafka.BROKER_PROPERTIES);
        settings.setProperty("process.roles", "broker,controller");
        settings.setProperty("node.id", "0");
        settings.setProperty(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        settings.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        settings.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        settings.setProperty(
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.setProperty("controller.quorum.voters", "0@127.0.0.1:" + controllerPort);
        settings.setProperty("log.dirs", dataDirectory.toString());
        return settings;
    }
}
