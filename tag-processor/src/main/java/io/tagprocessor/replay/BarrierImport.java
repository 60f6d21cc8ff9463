package io.tagprocessor.replay;

import static io.tagprocessor.replay.ReadTimeouts.POLL;

import io.tagprocessor.outbox.Headers;
import io.tagprocessor.store.RestructureBarrier;
import io.tagprocessor.store.RestructureBarrierRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Takes the live service's rename/delete barriers from the headers of the records it published
 * (its events and rejections) into {@code restructure_barriers}, for a rebuild or a restore whose
 * live database is gone. Barriers already there stay; new ones are stored in the order they were
 * applied live (a later barrier came after more commands).
 */
final class BarrierImport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private BarrierImport() {}

    /** Imports the barriers of {@code commandsTopic} found on {@code topics}; returns how many were new. */
    static int run(
            Map<String, Object> consumerConfig,
            List<String> topics,
            String commandsTopic,
            RestructureBarrierRepository barriers) {
        List<RestructureBarrier> found = new ArrayList<>();
        for (String topic : topics) {
            read(consumerConfig, topic, found);
        }
        return found.stream()
                .filter(barrier -> barrier.topic().equals(commandsTopic))
                .sorted(Comparator.comparingLong(RestructureBarrier::weight)
                        .thenComparingLong(RestructureBarrier::offset))
                .mapToInt(barriers::record)
                .sum();
    }

    private static void read(Map<String, Object> consumerConfig, String topic, List<RestructureBarrier> found) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tag-processor-rebuild-barriers");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("--barriers-from: topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p))) {
                List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
                consumer.poll(POLL).forEach(records::add);
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TIMEOUT.toNanos()) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String value = header(record, Headers.RESTRUCTURE_BARRIER);
                    if (value != null) {
                        RestructureBarrier.fromHeader(header(record, "causation_id"), value)
                                .ifPresent(found::add);
                    }
                }
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
