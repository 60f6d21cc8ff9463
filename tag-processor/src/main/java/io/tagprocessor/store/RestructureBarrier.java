package io.tagprocessor.store;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A tag rename or delete, where it was read, and the next offset of every partition of its topic
 * when it was applied: the commands it came after ({@code after}, by partition). Travels as a
 * header of the event it caused too: {@code <topic>/<partition>/<offset> after <p>:<o>,<p>:<o>…}.
 */
public record RestructureBarrier(String commandId, String topic, int partition, long offset, Map<Integer, Long> after) {

    private static final int MAX_HEADER_LENGTH = 100_000;
    private static final String AFTER = " after ";

    public RestructureBarrier {
        after = new TreeMap<>(after);
    }

    /** The header value of this barrier. */
    public String header() {
        return topic
                + '/'
                + partition
                + '/'
                + offset
                + AFTER
                + after.entrySet().stream()
                        .map(entry -> entry.getKey() + ":" + entry.getValue())
                        .collect(Collectors.joining(","));
    }

    /** Reads a header value written by {@link #header()}; empty when it is not one. */
    public static Optional<RestructureBarrier> fromHeader(String commandId, String value) {
        if (commandId == null || value == null || value.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        try {
            int split = value.indexOf(AFTER);
            String[] position = value.substring(0, split).split("/");
            if (position.length != 3) {
                return Optional.empty();
            }
            Map<Integer, Long> after = new TreeMap<>();
            String list = value.substring(split + AFTER.length());
            if (!list.isEmpty()) {
                for (String entry : list.split(",")) {
                    int colon = entry.indexOf(':');
                    after.put(Integer.parseInt(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)));
                }
            }
            return Optional.of(new RestructureBarrier(
                    commandId, position[0], Integer.parseInt(position[1]), Long.parseLong(position[2]), after));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Orders barriers as they were applied: every later one came after more commands (a larger offset sum). */
    public long weight() {
        return after.values().stream().mapToLong(Long::longValue).sum();
    }
}
