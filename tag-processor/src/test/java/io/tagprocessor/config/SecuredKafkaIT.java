package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tagprocessor.TagProcessorApplication;
import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.pipeline.ServiceArguments;
import io.tagprocessor.pipeline.TopicProbe;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.StandaloneKafka;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service against a real broker whose only listener it is given requires SASL/PLAIN: every client
 * (listener, relay, admin) must take the security settings from Spring Boot's {@code spring.kafka.*},
 * exactly as an operator sets them through {@code SPRING_KAFKA_*} environment variables.
 */
class SecuredKafkaIT {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final String USER = "tagprocessor";
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();

    private static StandaloneKafka kafka;

    @BeforeAll
    static void startSecuredBroker() {
        kafka = StandaloneKafka.withSaslPlain(
                Path.of("target", "secured-kafka-" + UUID.randomUUID()), Map.of(USER, PASSWORD, "producer", "p"));
        kafka.start();
    }

    @AfterAll
    static void stopSecuredBroker() {
        kafka.close();
    }

    @Test
    void appliesACommandAndPublishesItsEventsThroughSasl() {
        try (PostgresDatabase database = INFRA.newDatabase("sasl_it");
                ConfigurableApplicationContext service = start(database, PASSWORD);
                TopicProbe events = new TopicProbe(kafka.bootstrapServers(), "tag-events")) {
            Commands.Keyed assign = Commands.assign("document", "sasl-1", "secured");
            byte[] value = service.getBean(RecordEncoder.class).encode("tag-commands", assign.command());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(sasl("producer", "p"))) {
                producer.send(
                        new ProducerRecord<>("tag-commands", assign.key().getBytes(StandardCharsets.UTF_8), value));
            }

            assertThat(events.await("document:sasl-1", 1)).hasSize(1);
            JdbcClient jdbc = JdbcClient.create(service.getBean(DataSource.class));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(jdbc.sql("SELECT outcome FROM processed_events WHERE command_id = :id")
                                            .param("id", assign.id().toString())
                                            .query(String.class)
                                            .single())
                                    .isEqualTo("APPLIED"));
        }
    }

    @Test
    void aWrongPasswordFailsStartupWithAClearMessage() {
        try (PostgresDatabase database = INFRA.newDatabase("sasl_wrong_it")) {
            Throwable failure =
                    catchThrowable(() -> start(database, "not-the-password").close());

            assertThat(failure).rootCause().isInstanceOf(SaslAuthenticationException.class);
            assertThat(stackTrace(failure))
                    .contains("Kafka at " + kafka.saslBootstrapServers() + " refused the service")
                    .contains("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")
                    .doesNotContain("not-the-password");
        }
    }

    private static ConfigurableApplicationContext start(PostgresDatabase database, String password) {
        return new SpringApplicationBuilder(TagProcessorApplication.class)
                .web(WebApplicationType.NONE)
                .run(ServiceArguments.of(
                        database,
                        kafka.saslBootstrapServers(),
                        "tag-processor.topics.partitions=1",
                        "tag-processor.consumer.concurrency=1",
                        "tag-processor.relay.leadership-retry-interval=200ms",
                        "spring.kafka.security.protocol=SASL_PLAINTEXT",
                        "spring.kafka.properties.sasl.mechanism=PLAIN",
                        "spring.kafka.properties.sasl.jaas.config=" + jaas(USER, password)));
    }

    private static Map<String, Object> sasl(String user, String password) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.saslBootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM,
                "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG,
                jaas(user, password),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
