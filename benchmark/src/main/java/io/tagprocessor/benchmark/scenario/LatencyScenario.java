package io.tagprocessor.benchmark.scenario;

import io.tagprocessor.benchmark.probe.EventWatcher;
import io.tagprocessor.benchmark.probe.Sample;
import io.tagprocessor.benchmark.probe.Usage;
import io.tagprocessor.benchmark.workload.EncodedCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latency at a fixed offered rate: commands are sent on a fixed schedule (command i at
 * start + i/rate) whatever happens, and each latency runs from the scheduled time, so a stall of
 * the producer or the broker counts against the system instead of hiding (no coordinated
 * omission). Commands are encoded before the clock starts.
 */
public final class LatencyScenario {

    private static final Logger log = LoggerFactory.getLogger(LatencyScenario.class);
    private static final Duration LEAD_IN = Duration.ofMillis(500);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private LatencyScenario() {}

    /**
     * Warms the service (and this process) up at the rate for {@code warmup}, not reported: a JIT
     * still compiling the paths of small batches takes a core's share of this machine. Then measures
     * for {@code duration}. Each part offers fresh commands ({@code commands} makes that many) and
     * starts once the service has caught up.
     */
    public static LatencyResult measure(
            ServiceRun run,
            String bootstrapServers,
            Producer<byte[], byte[]> producer,
            IntFunction<List<EncodedCommand>> commands,
            int rate,
            Duration warmup,
            Duration duration) {
        LatencyResult result = null;
        List<Duration> parts = warmup.isZero() ? List.of(duration) : List.of(warmup, duration);
        for (int i = 0; i < parts.size(); i++) {
            Duration part = parts.get(i);
            if (!run.awaitCaughtUp(ServiceRun.CATCH_UP_LIMIT)) {
                log.warn(
                        "phase=latency offered_cps={} starts with lag (not caught up in {})",
                        rate,
                        ServiceRun.CATCH_UP_LIMIT);
            }
            boolean warming = i < parts.size() - 1;
            log.info("phase=latency offered_cps={} seconds={} warm_up={}", rate, part.toSeconds(), warming);
            result = run(run, bootstrapServers, producer, commands.apply((int) (rate * part.toSeconds())), rate);
            if (warming) {
                log.info(
                        "phase=latency_warmup offered_cps={} p50_ms={} p99_ms={} (not reported)",
                        rate,
                        result.percentileMillis(50),
                        result.percentileMillis(99));
            }
        }
        return result;
    }

    private static LatencyResult run(
            ServiceRun run,
            String bootstrapServers,
            Producer<byte[], byte[]> producer,
            List<EncodedCommand> commands,
            int rate) {
        long start = System.nanoTime() + LEAD_IN.toNanos();
        AtomicLong sendErrors = new AtomicLong();
        try (EventWatcher watcher =
                new EventWatcher(bootstrapServers, run.topics().events(), false, start).start()) {
            long lastSend = start;
            for (int i = 0; i < commands.size(); i++) {
                long scheduled = start + (long) (i * 1e9 / rate);
                long now;
                while ((now = System.nanoTime()) < scheduled) {
                    LockSupport.parkNanos(scheduled - now);
                }
                EncodedCommand command = commands.get(i);
                if (command.command().causesEvent()) {
                    watcher.expect(command.command().commandId(), scheduled);
                }
                producer.send(
                        new ProducerRecord<>(run.topics().commands(), command.key(), command.value()),
                        (metadata, error) -> {
                            if (error != null) {
                                sendErrors.incrementAndGet();
                            }
                        });
                lastSend = now;
            }
            producer.flush();
            watcher.awaitAll(SETTLE);
            double from = run.secondsSinceLaunch(start);
            double to = run.secondsSinceLaunch(System.nanoTime());
            run.sampler().sample();
            List<Sample> samples = run.sampler().between(from, to + 1);
            long measured = watcher.matched();
            return new LatencyResult(
                    rate,
                    commands.size() / (double) rate,
                    commands.size(),
                    measured,
                    watcher.pendingCount(),
                    sendErrors.get(),
                    commands.size() / Math.max(1e-9, (lastSend - start) / 1e9 + 1.0 / rate),
                    watcher.latency(),
                    watcher.latencyBySecond(),
                    watcher.untilRelaySend(),
                    watcher.afterRelaySend(),
                    Usage.of(samples),
                    samples.stream().mapToLong(Sample::servicePeakRssKb).max().orElse(-1),
                    RelayDelay.parse(run.service().prometheus()));
        }
    }
}
