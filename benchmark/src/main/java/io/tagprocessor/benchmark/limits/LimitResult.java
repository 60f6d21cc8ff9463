package io.tagprocessor.benchmark.limits;

/**
 * One limit: how long moving the rows or records of {@code commands} commands took, and the
 * resulting rate in commands per second (the unit the service's throughput is compared in).
 */
public record LimitResult(String name, int commands, long items, long bytes, double seconds) {

    public double commandsPerSecond() {
        return seconds <= 0 ? 0 : commands / seconds;
    }

    public double itemsPerSecond() {
        return seconds <= 0 ? 0 : items / seconds;
    }
}
