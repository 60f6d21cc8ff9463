package io.tagprocessor.benchmark.probe;

import io.tagprocessor.testinfra.LagReader;
import io.tagprocessor.testinfra.ServiceProcess;
import io.tagprocessor.testinfra.Stack;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes a {@link Sample} once a second on a thread of its own until closed. Times are seconds
 * since {@code originNanos} (the phase's origin, e.g. the service's launch).
 */
public final class ResourceSampler implements AutoCloseable {

    private final long originNanos;
    private final long servicePid;
    private final OptionalLong brokerPid;
    private final LagReader lag;
    private final PostgresBackends postgres;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "resource-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Samples from the service's launch on.
     *
     * @param lag the service's consumer group's lag on its commands topic
     * @param database a connection to the service's database (closed with the sampler)
     */
    public ResourceSampler(ServiceProcess service, Stack stack, LagReader lag, Connection database) {
        this.originNanos = service.launchedNanos();
        this.servicePid = service.pid();
        this.brokerPid = stack.kafka().pid();
        this.lag = lag;
        this.postgres = new PostgresBackends(database);
    }

    public ResourceSampler start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Takes one more sample now (e.g. at the end of a phase). */
    public synchronized Sample sample() {
        long[] host = ProcStat.hostTicks();
        Sample sample = new Sample(
                (System.nanoTime() - originNanos) / 1e9,
                ProcStat.cpuSeconds(servicePid),
                ProcStat.compilerCpuSeconds(servicePid),
                ProcStat.rssKb(servicePid),
                ProcStat.peakRssKb(servicePid),
                lag.lag(),
                postgres.cpuSeconds(),
                brokerPid.isPresent() ? ProcStat.cpuSeconds(brokerPid.getAsLong()) : 0,
                ProcStat.cpuSeconds(ProcessHandle.current().pid()),
                host[0],
                host[1]);
        if (sample.serviceCpu() >= 0) {
            samples.add(sample);
        }
        return sample;
    }

    /** Samples taken between the two times (seconds since the origin), inclusive. */
    public synchronized List<Sample> between(double fromSeconds, double toSeconds) {
        return samples.stream()
                .filter(s -> s.seconds() >= fromSeconds && s.seconds() <= toSeconds)
                .toList();
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            postgres.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing a monitoring connection cannot fail the run
        }
    }
}
