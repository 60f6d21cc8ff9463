package io.tagprocessor.pipeline;

import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.testinfra.ByteProducers;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.TestInfrastructure;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service against the real broker, registry and PostgreSQL of the shared fixture. All
 * pipeline ITs share one application context, one database and one set of topics; each test uses
 * its own entity ids and tag names, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class PipelineTestSupport {

    protected static final TestInfrastructure INFRA = TestInfrastructure.get();
    static final PostgresDatabase DATABASE = SharedDatabase.INSTANCE;
    /** The topics the pipeline ITs' service reads and writes (see {@link #serviceProperties}). */
    protected static final ServiceTopics TOPICS =
            ServiceTopics.defaults().prefixed("it-").withPartitions(3);

    static KafkaProducer<byte[], byte[]> producer;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected RecordEncoder encoder;

    @Autowired
    protected TagProcessorProperties properties;

    @Autowired
    SchemaRegistry schemaRegistry;

    private final Map<Class<?>, ConfluentAvroDeserializer<?>> deserializers = new ConcurrentHashMap<>();
    private final List<TopicProbe> probes = new ArrayList<>();

    @DynamicPropertySource
    static void pipelineProperties(DynamicPropertyRegistry registry) {
        serviceProperties(registry, DATABASE, "it", TOPICS.partitions());
        registry.add("tag-processor.consumer.max-record-bytes", () -> 65536);
    }

    /**
     * Points a service under test at the shared fixture: its own database, topics named
     * {@code <prefix>-tag-commands} and so on with {@code partitions} partitions (one listener thread
     * each), consumer group {@code <prefix>-tag-processor}, and short retry intervals.
     */
    public static void serviceProperties(
            DynamicPropertyRegistry registry, PostgresDatabase database, String prefix, int partitions) {
        registry.add("tag-processor.database.url", database::jdbcUrl);
        registry.add("tag-processor.database.username", database::username);
        registry.add("tag-processor.database.password", database::password);
        registry.add("spring.kafka.bootstrap-servers", INFRA::kafkaBootstrapServers);
        registry.add("tag-processor.schema-registry.url", INFRA::schemaRegistryUrl);
        ServiceTopics.defaults()
                .prefixed(prefix + "-")
                .withPartitions(partitions)
                .properties()
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tag-processor.consumer.concurrency", () -> partitions);
        registry.add("tag-processor.consumer.group-id", () -> prefix + "-tag-processor");
        registry.add("tag-processor.consumer.retry-max-interval", () -> "1s");
        registry.add("tag-processor.relay.leadership-retry-interval", () -> "200ms");
    }

    @BeforeAll
    static void openProducer() {
        producer = commandProducer();
    }

    /** A plain producer of raw command bytes to the shared broker, as a producing service would have. */
    public static KafkaProducer<byte[], byte[]> commandProducer() {
        return ByteProducers.create(INFRA.kafkaBootstrapServers());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** Publishes commands the way a producer service does: Confluent wire format, keyed. */
    protected void send(Commands.Keyed... commands) {
        for (Commands.Keyed command : commands) {
            byte[] value = encoder.encode(properties.topics().commands(), command.command());
            sendRaw(command.key().getBytes(StandardCharsets.UTF_8), value);
        }
        producer.flush();
    }

    protected void sendRaw(byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(properties.topics().commands(), key, value));
    }

    /** Decodes a record's value as a subscriber would, with our Confluent wire format deserializer. */
    protected <T extends SpecificRecord> T decode(ConsumerRecord<byte[], byte[]> record, Class<T> type) {
        @SuppressWarnings("unchecked")
        ConfluentAvroDeserializer<T> deserializer = (ConfluentAvroDeserializer<T>)
                deserializers.computeIfAbsent(type, t -> new ConfluentAvroDeserializer<>(schemaRegistry, type));
        return deserializer.deserialize(record.topic(), record.value());
    }

    /** A probe of the topic from its beginning, closed after the test. */
    protected TopicProbe probe(String topic) {
        TopicProbe probe = new TopicProbe(INFRA.kafkaBootstrapServers(), topic);
        probes.add(probe);
        return probe;
    }

    @AfterEach
    void closeProbes() {
        probes.forEach(TopicProbe::close);
        probes.clear();
    }

    /** A name no other test uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String outcomeOf(UUID commandId) {
        return jdbc.sql("SELECT outcome FROM processed_events WHERE command_id = :id")
                .param("id", commandId.toString())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** The database made once for all pipeline ITs of this JVM, dropped when the JVM exits. */
    static final class SharedDatabase {
        static final PostgresDatabase INSTANCE = create();

        private static PostgresDatabase create() {
            PostgresDatabase database = INFRA.newDatabase("pipeline_it");
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
            return database;
        }
    }
}
