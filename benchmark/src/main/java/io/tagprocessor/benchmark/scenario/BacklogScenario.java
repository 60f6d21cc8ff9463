package io.tagprocessor.benchmark.scenario;

import io.tagprocessor.benchmark.probe.EventWatcher;
import io.tagprocessor.benchmark.probe.Sample;
import io.tagprocessor.benchmark.probe.Usage;
import io.tagprocessor.benchmark.workload.GeneratedCommand;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput: the service was launched onto a backlog already on its commands topic; the
 * scenario subscribes to its events topic and waits until every command the simulation says
 * changes something has caused an event (matched by {@code causation_id}), or the time limit.
 * Commands without effect cause no event; they are in the count because the service reads,
 * claims and records them too: the service's outcome counters show they were all committed (the
 * group's Kafka offsets, committed once a second, may trail by a second's worth).
 */
public final class BacklogScenario {

    private static final Logger log = LoggerFactory.getLogger(BacklogScenario.class);
    private static final Duration STEP = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** No new event for this long after the first one: the service is stuck, stop waiting. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private BacklogScenario() {}

    private static boolean stalled(EventWatcher watcher) {
        long last = watcher.lastMatchNanos();
        return last != 0 && System.nanoTime() - last > STALL_LIMIT.toNanos();
    }

    public static BacklogResult run(
            ServiceRun run, String bootstrapServers, List<GeneratedCommand> backlog, Duration timeLimit) {
        long launched = run.service().launchedNanos();
        try (EventWatcher watcher =
                new EventWatcher(bootstrapServers, run.topics().events(), true, launched).start()) {
            List<GeneratedCommand> expected =
                    backlog.stream().filter(GeneratedCommand::causesEvent).toList();
            expected.forEach(c -> watcher.expect(c.commandId(), 0));
            long deadline = launched + timeLimit.toNanos();
            long readyNanos = 0;
            long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            boolean complete = false;
            while (!complete && run.service().isRunning() && System.nanoTime() < deadline && !stalled(watcher)) {
                complete = watcher.awaitAll(STEP);
                if (readyNanos == 0 && run.service().ready()) {
                    readyNanos = System.nanoTime();
                }
                if (System.nanoTime() > nextProgress) {
                    nextProgress += PROGRESS_EVERY.toNanos();
                    log.info(
                            "backlog mode={} seconds={} matched={}/{}",
                            run.mode().label(),
                            Math.round(run.secondsSinceLaunch(System.nanoTime())),
                            watcher.matched(),
                            expected.size());
                }
            }
            long end = complete ? watcher.lastMatchNanos() : System.nanoTime();
            Sample last = run.sampler().sample();
            long processed = complete ? backlog.size() : Math.max(0, backlog.size() - Math.max(0, last.lag()));
            double first = watcher.firstMatchNanos() == 0 ? 0 : run.secondsSinceLaunch(watcher.firstMatchNanos());
            double lastEvent = run.secondsSinceLaunch(end);
            if (!complete) {
                log.warn(
                        "backlog mode={} incomplete matched={}/{} alive={} stalled={}",
                        run.mode().label(),
                        watcher.matched(),
                        expected.size(),
                        run.service().isRunning(),
                        stalled(watcher));
            }
            List<Sample> samples = run.sampler().samples();
            return new BacklogResult(
                    run.mode(),
                    backlog.size(),
                    expected.size(),
                    processed,
                    complete,
                    readyNanos == 0 ? -1 : run.secondsSinceLaunch(readyNanos),
                    first,
                    lastEvent,
                    watcher.events(),
                    last.lag(),
                    Outcomes.parse(run.prometheus()),
                    Usage.of(run.sampler().between(first, lastEvent + 1)),
                    samples.stream().mapToLong(Sample::servicePeakRssKb).max().orElse(-1),
                    watcher.matchedBySecond(),
                    samples);
        }
    }
}
