package io.tagprocessor.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * A tag rename or delete, where it was read, and the next offset of every partition of its topic
 * when it was applied: the commands it came after ({@code after}, by partition).
 */
public record RestructureBarrier(String commandId, String topic, int partition, long offset, Map<Integer, Long> after) {

    public RestructureBarrier {
        after = new TreeMap<>(after);
    }
}
