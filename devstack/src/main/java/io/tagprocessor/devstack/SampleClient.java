package io.tagprocessor.devstack;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagUnassigned;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.testinfra.TopicReader;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.logging.LogLevel;

/**
 * The README's sample producer and event watcher, against a running devstack (addresses from
 * devstack/target/devstack.properties; KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL override).
 * <pre>
 *   assign   &lt;entityType&gt;:&lt;entityId&gt; &lt;tag&gt;   publish a TagAssigned command
 *   unassign &lt;entityType&gt;:&lt;entityId&gt; &lt;tag&gt;   publish a TagUnassigned command
 *   watch                                     print every event on the events topic, from the beginning
 * </pre>
 */
public final class SampleClient {

    private static final String USAGE =
            "usage: assign <entityType>:<entityId> <tag> | unassign <entityType>:<entityId> <tag> | watch";
    private static final String SOURCE = "devstack-sample-client";

    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(5);

    private final Target target;
    private final SchemaRegistry registry;

    private SampleClient(Target target) {
        this.target = target;
        this.registry = SchemaRegistry.caching(target.schemaRegistryUrl(), null, null, REGISTRY_TIMEOUT);
    }

    public static void main(String[] args) {
        QuietLogs.apply(LogLevel.WARN, LogLevel.ERROR);
        try {
            new SampleClient(Target.resolve()).run(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private void run(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "assign", "unassign" -> {
                if (args.length != 3) {
                    throw new IllegalArgumentException(USAGE);
                }
                publish(command, EntityKey.parse(args[1]), args[2]);
            }
            case "watch" -> watch();
            default -> throw new IllegalArgumentException(USAGE);
        }
    }

    private void publish(String command, EntityKey entity, String tag) {
        Object payload = command.equals("assign")
                ? new TagAssigned(entity.type(), entity.id(), tag)
                : new TagUnassigned(entity.type(), entity.id(), tag);
        TagCommand tagCommand = new TagCommand(
                UUID.randomUUID(), Instant.now(), System.getProperty("user.name", SOURCE), SOURCE, null, payload);
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                target.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (var producer = new KafkaProducer<>(
                settings, new StringSerializer(), new ConfluentAvroSerializer<TagCommand>(registry))) {
            RecordMetadata sent = producer.send(
                            new ProducerRecord<>(target.commandsTopic(), entity.toString(), tagCommand))
                    .get();
            System.out.printf(
                    "published %s command_id=%s key=%s topic=%s partition=%d offset=%d%n",
                    payload.getClass().getSimpleName(),
                    tagCommand.getCommandId(),
                    entity,
                    sent.topic(),
                    sent.partition(),
                    sent.offset());
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed: " + e.getMessage(), e);
        }
    }

    private void watch() {
        ConfluentAvroDeserializer<TagEvent> events = new ConfluentAvroDeserializer<>(registry, TagEvent.class);
        try (KafkaConsumer<byte[], byte[]> consumer =
                TopicReader.open(target.kafkaBootstrapServers(), target.eventsTopic(), true)) {
            System.out.printf(
                    "watching %s on %s from the beginning (Ctrl-C to stop)%n",
                    target.eventsTopic(), target.kafkaBootstrapServers());
            while (true) {
                consumer.poll(Duration.ofSeconds(1)).forEach(record -> System.out.println(describe(record, events)));
            }
        }
    }

    private static String describe(ConsumerRecord<byte[], byte[]> record, ConfluentAvroDeserializer<TagEvent> events) {
        return "key=%s event_type=%s event_id=%s partition=%d offset=%d %s"
                .formatted(
                        TopicReader.key(record),
                        header(record, "event_type"),
                        header(record, "event_id"),
                        record.partition(),
                        record.offset(),
                        payloadOf(record.value(), events));
    }

    /** Decodes each record on its own, so one undecodable record is shown and skipped, not fatal. */
    private static String payloadOf(byte[] value, ConfluentAvroDeserializer<TagEvent> events) {
        if (value == null) {
            return "payload=<tombstone>";
        }
        try {
            TagEvent event = events.decode(value);
            return "causation_id=%s occurred_at=%s payload=%s"
                    .formatted(event.getCausationId(), event.getOccurredAt(), event.getPayload());
        } catch (RuntimeException e) {
            return "payload=<undecodable: " + e.getMessage() + ">";
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return Optional.ofNullable(TopicReader.header(record, name)).orElse("-");
    }

    private record EntityKey(String type, String id) {

        static EntityKey parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("expected <entityType>:<entityId>, got '" + text + "'");
            }
            return new EntityKey(text.substring(0, colon), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return type + ":" + id;
        }
    }

    /** Where to send: environment overrides, else the running devstack's addresses. */
    private record Target(
            String kafkaBootstrapServers, String schemaRegistryUrl, String commandsTopic, String eventsTopic) {

        static Target resolve() {
            Optional<StackAddresses> stack = StackAddresses.ofRunningStack();
            Target target = new Target(
                    setting("KAFKA_BOOTSTRAP_SERVERS", stack.map(StackAddresses::kafkaBootstrapServers)),
                    setting("SCHEMA_REGISTRY_URL", stack.map(StackAddresses::schemaRegistryUrl)),
                    setting("TOPIC_COMMANDS", stack.map(StackAddresses::commandsTopic)),
                    setting("TOPIC_EVENTS", stack.map(StackAddresses::eventsTopic)));
            if (target.kafkaBootstrapServers() == null || target.schemaRegistryUrl() == null) {
                throw new IllegalStateException("No running devstack (" + StackAddresses.file()
                        + " is missing): start it with ./mvnw -q -pl devstack -am spring-boot:run,"
                        + " or set KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL");
            }
            return target;
        }

        private static String setting(String variable, Optional<String> fromStack) {
            return Optional.ofNullable(System.getenv(variable))
                    .or(() -> fromStack)
                    .orElse(null);
        }
    }
}
