package io.tagprocessor.benchmark.probe;

/**
 * One observation, taken once a second. CPU figures are cumulative seconds since the process
 * started (for PostgreSQL: its backends of the service's database plus its WAL writer,
 * checkpointer and background writer); {@code lag} is -1 when unknown.
 */
public record Sample(
        double seconds,
        double serviceCpu,
        long serviceRssKb,
        long servicePeakRssKb,
        long lag,
        double postgresCpu,
        double brokerCpu,
        double benchmarkCpu,
        long hostBusyTicks,
        long hostTotalTicks) {}
