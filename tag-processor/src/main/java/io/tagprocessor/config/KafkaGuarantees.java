package io.tagprocessor.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The client settings the service's guarantees rest on, laid over whatever Spring Boot built from
 * {@code spring.kafka.*}. Everything else (security, SSL, SASL, timeouts, compression) passes through
 * untouched. A user value that contradicts a guarantee is refused, naming the setting, instead of
 * being silently overridden: an operator who set it believed it was in effect.
 */
final class KafkaGuarantees {

    /** The idempotent producer keeps per-partition order with at most this many requests in flight. */
    static final int MAX_IN_FLIGHT_FOR_ORDER = 5;

    private KafkaGuarantees() {}

    /** The consumer of {@code tag-commands}: manual commits after the database commit, committed reads only. */
    static Map<String, Object> consumer(Map<String, Object> fromBoot, String groupId, int maxPollRecords) {
        List<String> refusals = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(fromBoot);
        require(
                config,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                "spring.kafka.consumer.enable-auto-commit",
                "offsets must be committed only after the database transaction committed",
                refusals);
        require(
                config,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                "spring.kafka.consumer.isolation-level",
                "aborted producer transactions must never be applied",
                refusals);
        refuse(
                config,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                "spring.kafka.consumer.auto-offset-reset",
                "a new consumer group would skip every command already on the topic",
                refusals);
        require(
                config,
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                "spring.kafka.consumer.group-id",
                "the group is tag-processor.consumer.group-id (CONSUMER_GROUP_ID); set only that",
                refusals);
        require(
                config,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                String.valueOf(maxPollRecords),
                "spring.kafka.consumer.max-poll-records",
                "the batch size is tag-processor.consumer.max-poll-records; set only that",
                refusals);
        requireClass(
                config,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                "spring.kafka.consumer.key-deserializer",
                refusals);
        requireClass(
                config,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                "spring.kafka.consumer.value-deserializer",
                refusals);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        failOn(refusals);
        return config;
    }

    /** The relay's producer: every write acknowledged by all in-sync replicas, idempotent, in order per key. */
    static Map<String, Object> producer(Map<String, Object> fromBoot, String clientId) {
        List<String> refusals = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(fromBoot);
        if (config.containsKey(ProducerConfig.ACKS_CONFIG)
                && "-1".equals(text(config.get(ProducerConfig.ACKS_CONFIG)))) {
            config.put(ProducerConfig.ACKS_CONFIG, "all");
        }
        require(
                config,
                ProducerConfig.ACKS_CONFIG,
                "all",
                "spring.kafka.producer.acks",
                "an event is deleted from the outbox only once every in-sync replica has it",
                refusals);
        require(
                config,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "true",
                "spring.kafka.properties.enable.idempotence (or spring.kafka.producer.properties.enable.idempotence)",
                "retried sends must not duplicate or reorder events of one key",
                refusals);
        Object inFlight = config.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight != null && parse(inFlight) > MAX_IN_FLIGHT_FOR_ORDER) {
            refusals.add(describe(
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                    inFlight,
                    "spring.kafka.producer.properties.max.in.flight.requests.per.connection",
                    "must be at most " + MAX_IN_FLIGHT_FOR_ORDER + " or per-key order is lost on retries"));
        }
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, MAX_IN_FLIGHT_FOR_ORDER);
        Object retries = config.get(ProducerConfig.RETRIES_CONFIG);
        if (retries != null && parse(retries) < 1) {
            refusals.add(describe(
                    ProducerConfig.RETRIES_CONFIG,
                    retries,
                    "spring.kafka.producer.retries",
                    "must be at least 1: the idempotent producer retries transient send failures"));
        }
        if (config.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            refusals.add(describe(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "<set>",
                    "spring.kafka.producer.transaction-id-prefix",
                    "the relay is not a transactional producer; remove it"));
        }
        requireClass(
                config,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                "spring.kafka.producer.key-serializer",
                refusals);
        requireClass(
                config,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                "spring.kafka.producer.value-serializer",
                refusals);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        failOn(refusals);
        return config;
    }

    private static void require(
            Map<String, Object> config, String key, String value, String setting, String why, List<String> refusals) {
        Object given = config.get(key);
        if (given != null && !value.equalsIgnoreCase(text(given))) {
            refusals.add(describe(key, given, setting, "must be " + value + ": " + why));
        }
        config.put(key, value);
    }

    private static void refuse(
            Map<String, Object> config, String key, String value, String setting, String why, List<String> refusals) {
        Object given = config.get(key);
        if (given != null && value.equalsIgnoreCase(text(given))) {
            refusals.add(describe(key, given, setting, "must not be " + value + ": " + why));
        }
    }

    private static void requireClass(
            Map<String, Object> config, String key, Class<?> type, String setting, List<String> refusals) {
        Object given = config.get(key);
        boolean same = given == null || given == type || (given instanceof String name && name.equals(type.getName()));
        // Boot fills in its String defaults when nothing is set; those are replaced, not refused.
        boolean bootDefault =
                given instanceof Class<?> c && c.getName().startsWith("org.apache.kafka.common.serialization.String");
        if (!same && !bootDefault) {
            refusals.add(describe(
                    key,
                    given,
                    setting,
                    "must be " + type.getSimpleName() + ": the service decodes and encodes the wire format itself"));
        }
        config.put(key, type);
    }

    private static String describe(String key, Object given, String setting, String why) {
        return key + "=" + text(given) + " (" + setting + ") " + why;
    }

    private static void failOn(List<String> refusals) {
        if (!refusals.isEmpty()) {
            throw new IllegalStateException(
                    "Kafka client settings refused, they would break a guarantee of the service: "
                            + String.join("; ", refusals));
        }
    }

    private static String text(Object value) {
        return value instanceof Class<?> c ? c.getName() : String.valueOf(value).strip();
    }

    private static long parse(Object value) {
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
