package io.tagprocessor.benchmark.workload;

import java.util.List;

/**
 * What an effective command changes, as the service will record it: for an entity command its
 * tags afterwards and its new version (a tag definition has no entity: empty lists, version 0).
 * {@code createdTags} are the tags used here for the first time in generation order; the service
 * creates and announces each with one more event (which command does it may differ, since
 * partitions are processed in parallel, but the number of such events does not).
 */
public record Effect(
        String entityType,
        String entityId,
        List<String> added,
        List<String> removed,
        List<String> tags,
        long version,
        List<String> createdTags) {

    public boolean onEntity() {
        return entityType != null;
    }
}
