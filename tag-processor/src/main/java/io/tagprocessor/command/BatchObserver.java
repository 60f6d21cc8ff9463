package io.tagprocessor.command;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagprocessor.config.LogScope;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * What the consumer tells about each batch once its transaction committed: one line per record
 * (DEBUG when applied or without effect, INFO otherwise) in that record's log context, the counters
 * {@code tag_processor.commands{outcome}} and {@code tag_processor.commands.refused{outcome,reason}},
 * and per poll batch the histograms {@code tag_processor.batch.duration} (read, apply, commit) and
 * {@code tag_processor.batch.size} and one summary line: INFO when a record was a duplicate, refused
 * or dead-lettered or the batch had to be split, DEBUG when every record was applied or had no effect
 * (hundreds of such lines a second at low rates would only repeat the counters).
 */
@Component
class BatchObserver {

    private static final Logger log = LoggerFactory.getLogger(BatchObserver.class);

    /** Histogram buckets: a dozen fixed bounds keep the series few and the quantiles comparable. */
    private static final Duration[] DURATION_BUCKETS = Arrays.stream(
                    new long[] {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000})
            .mapToObj(Duration::ofMillis)
            .toArray(Duration[]::new);

    /** Outcomes of a batch that needs no INFO line: the counters tell how many. */
    private static final Set<Disposition> ROUTINE = EnumSet.of(Disposition.APPLIED, Disposition.NO_EFFECT);

    private static final double[] SIZE_BUCKETS = {1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

    private final MeterRegistry meters;
    private final Timer duration;
    private final DistributionSummary size;

    BatchObserver(MeterRegistry meters) {
        this.meters = meters;
        this.duration = Timer.builder("tag_processor.batch.duration")
                .description("Reading, applying and committing one poll batch of commands")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(meters);
        this.size = DistributionSummary.builder("tag_processor.batch.size")
                .description("Records in one poll batch")
                .baseUnit("records")
                .serviceLevelObjectives(SIZE_BUCKETS)
                .register(meters);
        // every outcome exists from the start, so rate() and increase() see its first command
        for (Disposition disposition : Disposition.values()) {
            meters.counter("tag_processor.commands", "outcome", disposition.tag());
        }
    }

    /** Counts and logs records whose transaction committed. */
    void committed(List<ReadCommand> reads, List<Verdict> verdicts) {
        for (int i = 0; i < reads.size(); i++) {
            Verdict verdict = verdicts.get(i);
            meters.counter(
                            "tag_processor.commands",
                            "outcome",
                            verdict.disposition().tag())
                    .increment();
            if (verdict.reason() != null) {
                meters.counter(
                                "tag_processor.commands.refused",
                                "outcome",
                                verdict.disposition().tag(),
                                "reason",
                                verdict.reason())
                        .increment();
            }
            logRecord(reads.get(i), verdict);
        }
    }

    /** The batch is done: every record committed (or the batch was given up to the error handler). */
    void finished(List<ReadCommand> batch, List<Verdict> verdicts, long nanos, boolean isolated) {
        duration.record(Duration.ofNanos(nanos));
        size.record(batch.size());
        Map<Disposition, Integer> tally = new EnumMap<>(Disposition.class);
        verdicts.forEach(v -> tally.merge(v.disposition(), 1, Integer::sum));
        boolean routine = !isolated && ROUTINE.containsAll(tally.keySet());
        if (routine && !log.isDebugEnabled()) {
            return;
        }
        log.atLevel(routine ? Level.DEBUG : Level.INFO)
                .log(
                        "event=batch_processed records={} applied={} no_effect={} duplicate={} rejected={} dead_lettered={}"
                                + " duration_ms={} isolated={}",
                        batch.size(),
                        tally.getOrDefault(Disposition.APPLIED, 0),
                        tally.getOrDefault(Disposition.NO_EFFECT, 0),
                        tally.getOrDefault(Disposition.DUPLICATE, 0),
                        tally.getOrDefault(Disposition.REJECTED, 0),
                        tally.getOrDefault(Disposition.DEAD_LETTERED, 0),
                        nanos / 1_000_000,
                        isolated);
    }

    private static void logRecord(ReadCommand read, Verdict verdict) {
        boolean routine = verdict.reason() == null && verdict.disposition() != Disposition.DUPLICATE;
        if (routine && !log.isDebugEnabled()) {
            return; // the common case: no log context built for a line nobody writes
        }
        try (LogScope scope = Mdc.record(read, verdict.eventIds())) {
            String outcome = verdict.disposition().name().toLowerCase(Locale.ROOT);
            if (verdict.reason() == null) {
                if (verdict.disposition() == Disposition.DUPLICATE) {
                    log.info("event=command_processed outcome={} claim_key={}", outcome, read.claimKey());
                } else {
                    log.debug(
                            "event=command_processed outcome={} events={}",
                            outcome,
                            verdict.eventIds().size());
                }
            } else if (read instanceof ReadCommand.Undecodable undecodable) {
                log.info(
                        "event=command_processed outcome={} reason={} claim_key={} error={}",
                        outcome,
                        verdict.reason(),
                        read.claimKey(),
                        undecodable.cause().toString());
            } else {
                log.info(
                        "event=command_processed outcome={} reason={} claim_key={}",
                        outcome,
                        verdict.reason(),
                        read.claimKey());
            }
        }
    }
}
