package io.tagprocessor.replay;

import static io.tagprocessor.replay.ReadTimeouts.METADATA_TIMEOUT;
import static io.tagprocessor.replay.ReadTimeouts.POLL;
import static io.tagprocessor.replay.ReadTimeouts.STALL;

import io.tagprocessor.command.CommandBatchProcessor;
import io.tagprocessor.command.Disposition;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.KafkaClients;
import io.tagprocessor.idempotency.ProcessedEventsRepository;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Re-reads one partition range through {@link CommandBatchProcessor#replay}, the normal processing
 * path: a command already claimed ends as {@code DUPLICATE} (no effect, no event); one never
 * processed is applied as it would have been. A dry run reads the same records and only counts how
 * many are claimed. Reads with its own consumer, assigned by hand: the consumer group's offsets,
 * in Kafka and in the database, are left alone.
 */
@Component
@ConditionalOnProcessing
public record PartitionReplay(
        KafkaClients clients, CommandBatchProcessor processor, ProcessedEventsRepository processed) {

    /** What a replay read and what became of it. */
    public record Result(
            ReplayRequest request, long from, long to, long records, long claimed, Map<Disposition, Integer> outcomes) {

        String summary() {
            String range = "topic=" + request.topic() + " partition=" + request.partition() + " from=" + from + " to="
                    + to + " records=" + records;
            if (request.dryRun()) {
                return "replay: dry_run=true " + range + " claimed=" + claimed + " unclaimed=" + (records - claimed);
            }
            StringBuilder line = new StringBuilder("replay: dry_run=false ").append(range);
            for (Disposition disposition : Disposition.values()) {
                line.append(' ').append(disposition.tag()).append('=').append(outcomes.getOrDefault(disposition, 0));
            }
            return line.toString();
        }
    }

    /** Thrown when the replay stopped part-way; re-running from {@link #nextOffset} is safe (claims). */
    public static final class StoppedException extends RuntimeException {
        private final long nextOffset;

        StoppedException(long nextOffset, Throwable cause) {
            super("stopped before offset " + nextOffset + ": " + cause, cause);
            this.nextOffset = nextOffset;
        }

        public long nextOffset() {
            return nextOffset;
        }
    }

    public Result run(ReplayRequest request) {
        Map<String, Object> config = new HashMap<>(clients.consumer());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tag-processor-replay");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(request.topic(), request.partition());
            long[] range = range(consumer, partition, request);
            return read(consumer, partition, request, range[0], range[1]);
        }
    }

    /** {@code [from, to)}, checked against what the partition holds now. */
    private static long[] range(Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplayRequest request) {
        List<PartitionInfo> partitions = consumer.partitionsFor(partition.topic(), METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalArgumentException("topic " + partition.topic() + " does not exist");
        }
        if (partition.partition() >= partitions.size()) {
            throw new IllegalArgumentException("topic " + partition.topic() + " has " + partitions.size()
                    + " partitions (0-" + (partitions.size() - 1) + "), not " + partition.partition());
        }
        long start =
                consumer.beginningOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
        long end = consumer.endOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
        long from = request.fromOffset() != null ? request.fromOffset() : offsetAt(consumer, partition, request, end);
        if (from < start) {
            throw new IllegalArgumentException("offset " + from + " is no longer in " + partition
                    + ": the partition starts at " + start + " (older records are past the topic's retention)");
        }
        if (from > end) {
            throw new IllegalArgumentException(
                    "offset " + from + " is past the end of " + partition + " (" + end + ")");
        }
        long to = request.toOffset() != null ? request.toOffset() : end;
        if (to > end) {
            throw new IllegalArgumentException(
                    "--to-offset " + to + " is past the end of " + partition + " (" + end + ")");
        }
        if (to < from) {
            throw new IllegalArgumentException(
                    "--to-offset " + to + " is before the first offset at --from-timestamp (" + from + ")");
        }
        if (to - from > request.maxRecords()) {
            throw new IllegalArgumentException("offsets " + from + " to " + to + " hold up to " + (to - from)
                    + " records, more than --max-records " + request.maxRecords()
                    + "; narrow the range or raise --max-records");
        }
        return new long[] {from, to};
    }

    private static long offsetAt(
            Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplayRequest request, long end) {
        OffsetAndTimestamp found = consumer.offsetsForTimes(
                        Map.of(partition, request.fromTimestamp().toEpochMilli()), METADATA_TIMEOUT)
                .get(partition);
        return found == null ? end : found.offset();
    }

    private Result read(
            Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplayRequest request, long from, long to) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        Map<Disposition, Integer> outcomes = new EnumMap<>(Disposition.class);
        long records = 0;
        long claimed = 0;
        long next = from;
        long lastProgress = System.nanoTime();
        while (next < to) {
            List<ConsumerRecord<byte[], byte[]>> batch = consumer.poll(POLL).records(partition).stream()
                    .filter(record -> record.offset() < to)
                    .toList();
            if (batch.isEmpty()) {
                next = Math.max(next, consumer.position(partition, METADATA_TIMEOUT));
                if (next < to && System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new StoppedException(next, new IllegalStateException("no record arrived for " + STALL));
                }
                continue;
            }
            try {
                if (request.dryRun()) {
                    claimed += claimedAmong(batch);
                } else {
                    processor.replay(batch).forEach((disposition, n) -> outcomes.merge(disposition, n, Integer::sum));
                }
            } catch (RuntimeException e) {
                throw new StoppedException(next, e);
            }
            records += batch.size();
            next = batch.get(batch.size() - 1).offset() + 1;
            lastProgress = System.nanoTime();
        }
        return new Result(request, from, to, records, claimed, outcomes);
    }

    private long claimedAmong(List<ConsumerRecord<byte[], byte[]>> batch) {
        List<String> keys = processor.claimKeys(batch);
        Set<String> existing = processed.existing(keys);
        return keys.stream().filter(existing::contains).count();
    }
}
