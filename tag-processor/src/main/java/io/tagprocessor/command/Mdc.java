package io.tagprocessor.command;

import io.tagprocessor.config.LogScope;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.MDC;

/**
 * The log context of the command path: {@code partition} and {@code offset} of the batch (a range per
 * partition) or of one record, and a record's {@code commandId}, {@code correlationId} and the
 * {@code eventId}s it caused. Each is a {@link LogScope}: it restores the context it found when it
 * closes, so nested scopes (batch, then record) leave nothing behind on the consumer thread.
 */
final class Mdc {

    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String COMMAND_ID = "commandId";
    static final String CORRELATION_ID = "correlationId";
    static final String EVENT_ID = "eventId";

    /** More event ids than this (a rename of a popular tag) are logged as a count. */
    private static final int MAX_EVENT_IDS = 10;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private Mdc() {}

    /** The batch's partitions and, per partition, its first and last offset: {@code 3} and {@code 10-19}. */
    static LogScope batch(List<RawRecord> records) {
        Map<Integer, long[]> ranges = new TreeMap<>();
        records.forEach(record -> widen(ranges, record.partition(), record.offset()));
        return batch(ranges);
    }

    /** As {@link #batch(List)}, for records the container hands to its error handler. */
    static LogScope batch(ConsumerRecords<?, ?> records) {
        Map<Integer, long[]> ranges = new TreeMap<>();
        records.forEach(record -> widen(ranges, record.partition(), record.offset()));
        return batch(ranges);
    }

    private static void widen(Map<Integer, long[]> ranges, int partition, long offset) {
        ranges.merge(partition, new long[] {offset, offset}, (a, b) ->
                new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    private static LogScope batch(Map<Integer, long[]> ranges) {
        LogScope scope = LogScope.open();
        MDC.put(PARTITION, ranges.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")));
        MDC.put(
                OFFSET,
                ranges.entrySet().stream()
                        .map(e -> (ranges.size() > 1 ? e.getKey() + ":" : "") + e.getValue()[0] + "-" + e.getValue()[1])
                        .collect(Collectors.joining(",")));
        return scope;
    }

    /** One record: where it was read and, as far as they are known, its ids. */
    static LogScope record(ReadCommand read, List<UUID> eventIds) {
        LogScope scope = LogScope.open();
        MDC.put(PARTITION, Integer.toString(read.raw().partition()));
        MDC.put(OFFSET, Long.toString(read.raw().offset()));
        putIfPresent(COMMAND_ID, commandId(read));
        putIfPresent(CORRELATION_ID, read.correlationId());
        if (!eventIds.isEmpty()) {
            MDC.put(EVENT_ID, eventIds(eventIds));
        }
        return scope;
    }

    private static String commandId(ReadCommand read) {
        if (read instanceof ReadCommand.Valid valid) {
            return valid.context().commandId().toString();
        }
        if (read instanceof ReadCommand.Invalid invalid && !"null".equals(invalid.commandId())) {
            return invalid.commandId();
        }
        return null;
    }

    private static String eventIds(List<UUID> ids) {
        String shown = ids.stream().limit(MAX_EVENT_IDS).map(UUID::toString).collect(Collectors.joining(","));
        return ids.size() > MAX_EVENT_IDS ? shown + ",+" + (ids.size() - MAX_EVENT_IDS) + " more" : shown;
    }

    /** Producer text: control characters (line breaks that would forge log lines) become '?'. */
    private static void putIfPresent(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, CONTROL.matcher(value).replaceAll("?"));
        }
    }
}
