package io.tagprocessor.testinfra;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Text records in and out of a broker under test: sent with {@code acks=all}, read back with {@link TopicReader}. */
final class Records {

    private Records() {}

    /** Sends each value under {@code key} and returns once the broker acknowledged them all. */
    static void send(String bootstrapServers, String topic, String key, String... values)
            throws ExecutionException, InterruptedException {
        try (var producer = ByteProducers.create(bootstrapServers)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, bytes(key), bytes(value)))
                        .get();
            }
        }
    }

    /** Every value the topic holds, in offset order (the topics here have one partition or one key). */
    static List<String> values(String bootstrapServers, String topic) {
        return TopicReader.readAll(bootstrapServers, topic).stream()
                .map(TopicReader::value)
                .toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
