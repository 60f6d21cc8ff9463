package io.tagprocessor.replay;

import static io.tagprocessor.replay.ReadTimeouts.METADATA_TIMEOUT;
import static io.tagprocessor.replay.ReadTimeouts.POLL;
import static io.tagprocessor.replay.ReadTimeouts.STALL;

import io.tagprocessor.command.CommandBatchProcessor;
import io.tagprocessor.command.Disposition;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.KafkaClients;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.fanout.FanoutWorker;
import io.tagprocessor.store.CommandOffsetsRepository;
import io.tagprocessor.store.RestructureBarrier;
import io.tagprocessor.store.RestructureBarrierRepository;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a database from the command topic in the order the live service applied it: entity
 * commands per partition as usual, and every tag rename or delete that has a barrier in this
 * database ({@code restructure_barriers}, copied from the live database or imported from the
 * headers of the live service's events and rejections) exactly after the
 * commands of the other partitions it came after live, and before the rest. Reads every
 * partition with one hand-assigned consumer, hands the records to the normal processing path as
 * the configured consumer group (so its offsets are recorded and the service resumes from them
 * afterwards), up to the end each partition had when the rebuild started. Last, it completes the
 * fan-out of the renames and deletes it applied, so the rebuilt database holds every entity change.
 */
@Component
@ConditionalOnProcessing
public record Rebuild(
        KafkaClients clients,
        CommandBatchProcessor processor,
        CommandOffsetsRepository offsets,
        RestructureBarrierRepository barriers,
        TagProcessorProperties properties,
        FanoutWorker fanout) {

    /**
     * What a rebuild read and honoured: {@code imported} barriers taken from published headers,
     * {@code barriers} honoured, {@code late} ones whose partitions were already past them.
     */
    public record Result(
            String topic, long records, int imported, int barriers, int late, Map<Disposition, Integer> outcomes) {

        String summary() {
            StringBuilder line = new StringBuilder("rebuild: topic=")
                    .append(topic)
                    .append(" records=")
                    .append(records)
                    .append(" imported=")
                    .append(imported)
                    .append(" barriers=")
                    .append(barriers)
                    .append(" late=")
                    .append(late);
            for (Disposition disposition : Disposition.values()) {
                line.append(' ').append(disposition.tag()).append('=').append(outcomes.getOrDefault(disposition, 0));
            }
            return line.toString();
        }
    }

    public Result run(RebuildRequest request) {
        int imported = BarrierImport.run(clients.consumer(), request.barrierTopics(), request.topic(), barriers);
        Map<String, Object> config = new HashMap<>(clients.consumer());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tag-processor-rebuild");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Result result;
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            result = new Pass(consumer, request.topic(), imported).run();
        }
        fanout.drain();
        return result;
    }

    /** One rebuild: where each partition stands, and the counts. */
    private final class Pass {
        private final Consumer<byte[], byte[]> consumer;
        private final String topic;
        private final int imported;
        private final Map<Integer, Long> position = new TreeMap<>();
        private final Map<Integer, Long> end = new TreeMap<>();
        private final Map<Disposition, Integer> outcomes = new EnumMap<>(Disposition.class);
        private long records;

        Pass(Consumer<byte[], byte[]> consumer, String topic, int imported) {
            this.consumer = consumer;
            this.topic = topic;
            this.imported = imported;
        }

        Result run() {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            Map<Integer, Long> stored =
                    offsets.nextOffsets(properties.consumer().groupId(), topic);
            for (TopicPartition partition : partitions) {
                long start = starts.get(partition);
                position.put(partition.partition(), Math.max(start, stored.getOrDefault(partition.partition(), start)));
                end.put(partition.partition(), ends.get(partition));
            }
            consumer.assign(partitions);
            List<RestructureBarrier> pending = barriers.unapplied(topic);
            int late = 0;
            for (RestructureBarrier barrier : pending) {
                if (barrier.offset() >= end.getOrDefault(barrier.partition(), 0L)) {
                    break;
                }
                if (position.getOrDefault(barrier.partition(), Long.MAX_VALUE) > barrier.offset()) {
                    late++;
                    continue;
                }
                for (int partition : position.keySet()) {
                    long limit = partition == barrier.partition()
                            ? barrier.offset()
                            : Math.min(
                                    barrier.after().getOrDefault(partition, position.get(partition)),
                                    end.get(partition));
                    if (position.get(partition) > limit) {
                        late++;
                    }
                    drain(partition, limit);
                }
                drain(barrier.partition(), barrier.offset() + 1);
            }
            position.keySet().forEach(partition -> drain(partition, end.get(partition)));
            return new Result(topic, records, imported, pending.size(), late, outcomes);
        }

        /** Processes the partition's records from where it stands up to (excluding) {@code limit}. */
        private void drain(int partition, long limit) {
            if (position.get(partition) >= limit) {
                return;
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.pause(consumer.assignment());
            consumer.resume(List.of(tp));
            consumer.seek(tp, position.get(partition));
            long lastProgress = System.nanoTime();
            while (position.get(partition) < limit) {
                List<ConsumerRecord<byte[], byte[]>> batch = consumer.poll(POLL).records(tp).stream()
                        .filter(record -> record.offset() < limit)
                        .toList();
                if (batch.isEmpty()) {
                    if (consumer.position(tp, METADATA_TIMEOUT) >= limit) {
                        position.put(partition, limit);
                    } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                        throw new PartitionReplay.StoppedException(
                                position.get(partition), new IllegalStateException("no record arrived for " + STALL));
                    }
                    continue;
                }
                processor.process(batch).forEach((disposition, n) -> outcomes.merge(disposition, n, Integer::sum));
                records += batch.size();
                position.put(partition, batch.get(batch.size() - 1).offset() + 1);
                lastProgress = System.nanoTime();
            }
        }
    }
}
