package io.tagprocessor.chaos.workload;

import java.util.List;

/**
 * Records sent together; the harness waits until the service processed every one of them before it
 * sends the next phase. Within a phase no two keys interact, so any interleaving of partitions gives
 * the same result (see {@link Workload}).
 */
public record Phase(int index, String name, List<Planned> records) {}
