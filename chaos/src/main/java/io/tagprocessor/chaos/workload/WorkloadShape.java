package io.tagprocessor.chaos.workload;

/**
 * How big the workload is. {@code commands} counts the records of the load phases (duplicates and
 * garbage included); the tag definitions before and the tag renames and deletions between epochs
 * come on top.
 */
public record WorkloadShape(
        long seed,
        int commands,
        int entities,
        int poolTags,
        int lifecycleTags,
        int epochs,
        double duplicateRate,
        double garbageRate,
        double invalidRate) {}
