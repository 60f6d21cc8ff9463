package io.tagprocessor.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.KafkaClients;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.idempotency.ClaimRetentionRepository;
import io.tagprocessor.store.RestructureBarrierRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the claims (and rename/delete barriers) of commands the command topic no longer holds. Why that is safe: the
 * consumer resumes from the offsets kept with its effects, so a record it has processed is never
 * delivered to it again; a claim matters only for a record that is read again, by an operator
 * replay, after a restore, or because a producer sent the same command twice. A record below a
 * partition's log start can never be read again, so its claim is pruned, unless the topic still
 * holds a later copy of the same command ({@code claim_copies}). A producer's re-send is thus
 * recognised as long as the topic holds an earlier copy, at least {@code TOPIC_COMMANDS_RETENTION}
 * after that copy was written. Log starts come from the broker, not from the configured retention,
 * so a topic whose retention an operator changed is pruned by what it really holds.
 */
@Component
@ConditionalOnProcessing
public record ClaimPruner(
        KafkaClients clients,
        ClaimRetentionRepository claims,
        RestructureBarrierRepository barriers,
        TransactionTemplate transactions,
        MeterRegistry meters,
        TagProcessorProperties properties) {

    private static final Logger log = LoggerFactory.getLogger(ClaimPruner.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    /** What one pruning run deleted; {@code skipped} when another instance was pruning. */
    public record Pruned(long claims, long copies, boolean skipped) {}

    /** Prunes now; the schedule calls it every {@code tag-processor.retention.prune-interval}. */
    public Pruned prune() {
        String topic = properties.topics().commands();
        int batchSize = properties.retention().pruneBatchSize();
        Map<Integer, Long> logStarts = logStarts(topic);
        long copies = 0;
        long pruned = 0;
        for (Map.Entry<Integer, Long> start : logStarts.entrySet()) {
            int partition = start.getKey();
            long logStart = start.getValue();
            Long deleted;
            do {
                deleted = inChunk(() -> claims.deleteCopiesBefore(topic, partition, logStart, batchSize));
                if (deleted == null) {
                    return new Pruned(pruned, copies, true);
                }
                copies += deleted;
            } while (deleted == batchSize);
            if (inChunk(() -> barriers.deleteBefore(topic, partition, logStart)) == null) {
                return new Pruned(pruned, copies, true);
            }
            do {
                deleted = inChunk(() -> claims.deleteClaimsBefore(topic, partition, logStart, batchSize));
                if (deleted == null) {
                    return new Pruned(pruned, copies, true);
                }
                pruned += deleted;
            } while (deleted == batchSize);
        }
        meters.counter("tag_processor.retention.claims_pruned").increment(pruned);
        log.info("event=claims_pruned topic={} claims={} copies={} log_starts={}", topic, pruned, copies, logStarts);
        return new Pruned(pruned, copies, false);
    }

    void scheduled() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn(
                    "event=claims_prune_failed topic={} error={}",
                    properties.topics().commands(),
                    e.toString());
        }
    }

    /** Runs one chunk in its own transaction; null when another instance holds the pruning lock. */
    private Long inChunk(java.util.function.IntSupplier delete) {
        return transactions.execute(status -> claims.tryLock() ? Long.valueOf(delete.getAsInt()) : null);
    }

    /** The first offset the broker still holds, per partition of the command topic; empty when it is missing. */
    private Map<Integer, Long> logStarts(String topic) {
        try (Admin admin = Admin.create(new HashMap<>(clients.admin()))) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            description
                    .partitions()
                    .forEach(p -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
            Map<Integer, Long> starts = new TreeMap<>();
            admin.listOffsets(earliest)
                    .all()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((partition, info) -> starts.put(partition.partition(), info.offset()));
            return starts;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw new IllegalStateException("cannot read the log start offsets of " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "no answer from Kafka about " + topic + " within " + ADMIN_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log start offsets of " + topic, e);
        }
    }
}
