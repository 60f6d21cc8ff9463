package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files a {@link StandaloneKafka} runs on: its {@code server.properties} (one combined broker and
 * controller, every internal topic with one replica, optionally a SASL/PLAIN listener for these users),
 * its logback configuration and the class path of the kafka_2.13 jars.
 */
record StandaloneKafkaSettings(int port, int controllerPort, int saslPort, Map<String, String> saslUsers) {

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

    static final String LOGBACK_XML = """
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

    String serverProperties(Path dataDirectory) {
        // backslashes would be escapes in a properties file
        String logDirs = dataDirectory.toString().replace('\\', '/');
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

    /** The class path Maven resolved for test-infra (written at build time), else this JVM's own. */
    static String kafkaClassPath() {
        try (InputStream in = StandaloneKafkaSettings.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
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
}
