package io.tagprocessor.benchmark.probe;

/**
 * One observation, taken once a second. CPU figures are cumulative seconds since the process
 * started (for PostgreSQL: its backends of the service's database plus its WAL writer,
 * checkpointer and background writer; {@code serviceJitCpu}: the service's JIT compiler threads, a
 * part of {@code serviceCpu}); {@code lag} is -1 when unknown.
 */
public record Sample(
        double seconds,
        double serviceCpu,
        double serviceJitCpu,
        long serviceRssKb,
        long servicePeakRssKb,
        long lag,
        double postgresCpu,
        double brokerCpu,
        double benchmarkCpu,
        long hostBusyTicks,
        long hostTotalTicks) {}
