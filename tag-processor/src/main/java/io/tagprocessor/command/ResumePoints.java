package io.tagprocessor.command;

import io.tagprocessor.config.ConsumerSettings;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.store.CommandOffsetsRepository;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;
import org.springframework.stereotype.Component;

/**
 * Where the consumer resumes a partition it is assigned: the next offset the database recorded with
 * the effects of the last batch it holds, else right after the last command it claimed from that
 * partition (a database from before {@code command_offsets}), else the beginning of the partition
 * (an empty database). Never the group's committed offset: a database restored from a backup is
 * behind it and must re-read what came after. Runs on the consumer thread during the rebalance; a
 * database failure is retried with back-off there, because returning without a seek would resume at
 * the committed offset and skip commands.
 */
@Component
class ResumePoints {

    private static final Logger log = LoggerFactory.getLogger(ResumePoints.class);

    private final CommandOffsetsRepository offsets;
    private final ConsumerSettings settings;

    ResumePoints(CommandOffsetsRepository offsets, TagProcessorProperties properties) {
        this.offsets = offsets;
        this.settings = properties.consumer();
    }

    /** Seeks every newly assigned partition to where the database says it goes on. */
    void seek(Map<TopicPartition, Long> assigned, ConsumerSeekCallback callback) {
        assigned.keySet().stream().map(TopicPartition::topic).distinct().forEach(topic -> {
            Map<Integer, Long> stored = retrying(() -> offsets.nextOffsets(settings.groupId(), topic));
            assigned.forEach((partition, committed) -> {
                if (partition.topic().equals(topic)) {
                    seek(partition, committed, stored.get(partition.partition()), callback);
                }
            });
        });
    }

    private void seek(TopicPartition partition, long committed, Long stored, ConsumerSeekCallback callback) {
        String source = "database";
        Long next = stored;
        if (next == null) {
            Optional<Long> afterClaims =
                    retrying(() -> offsets.afterLastClaim(partition.topic(), partition.partition()));
            source = afterClaims.isPresent() ? "claims" : "beginning";
            next = afterClaims.orElse(null);
        }
        log.info(
                "event=partition_resumed topic={} partition={} offset={} source={} committed={}",
                partition.topic(),
                partition.partition(),
                next == null ? "beginning" : next,
                source,
                committed);
        if (next == null) {
            callback.seekToBeginning(partition.topic(), partition.partition());
        } else if (next != committed) {
            callback.seek(partition.topic(), partition.partition(), next);
        }
    }

    private <T> T retrying(java.util.function.Supplier<T> read) {
        Duration pause = settings.retryInitialInterval();
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                log.warn("event=resume_retry attempt={} error={}", attempt, e.toString());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(settings.retryMaxInterval()) > 0
                        ? settings.retryMaxInterval()
                        : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading where to resume", e);
        }
    }
}
