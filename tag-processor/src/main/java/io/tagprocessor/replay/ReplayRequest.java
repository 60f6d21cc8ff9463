package io.tagprocessor.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator asked to re-read: one partition of a topic, from an offset or from a point in
 * time, up to (excluding) an offset or the end of the partition when the replay starts; at most
 * {@code maxRecords} records. Parsed from the command line, every value bounded, every mistake
 * refused with a message that says what to write instead.
 */
public record ReplayRequest(
        String topic,
        int partition,
        Long fromOffset,
        Instant fromTimestamp,
        Long toOffset,
        boolean dryRun,
        long maxRecords) {

    static final String USAGE = "usage: java -jar tag-processor-exec.jar --replay --partition=N"
            + " (--from-offset=X | --from-timestamp=2026-12-01T10:00:00Z) [--to-offset=Y] [--topic=NAME]"
            + " [--dry-run] [--max-records=N]";

    static final long DEFAULT_MAX_RECORDS = 1_000_000;
    static final long LIMIT_MAX_RECORDS = 100_000_000;
    static final int MAX_PARTITION = 100_000;

    static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Set<String> OPTIONS = Set.of(
            "replay", "topic", "partition", "from-offset", "from-timestamp", "to-offset", "dry-run", "max-records");

    /** True when the command line asks for a replay or a rebuild (the operator modes of the jar). */
    public static boolean requested(String[] args) {
        for (String arg : args) {
            if (arg.equals("--replay") || arg.equals("--rebuild")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the replay options; {@code defaultTopic} when no {@code --topic} is given. */
    static ReplayRequest parse(String[] args, String defaultTopic) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw refused("unexpected argument \"" + bounded(arg) + "\"");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!OPTIONS.contains(name)) {
                if (name.contains(".")) {
                    continue; // a Spring property such as --tag-processor.topics.commands=…
                }
                throw refused("unknown option --" + bounded(name));
            }
            if (options.put(name, equals < 0 ? "" : arg.substring(equals + 1)) != null) {
                throw refused("--" + name + " given twice");
            }
        }
        String topic = options.getOrDefault("topic", defaultTopic);
        if (!TOPIC.matcher(topic).matches()) {
            throw refused("--topic must be 1-249 characters of a-z A-Z 0-9 . _ -");
        }
        if (!options.containsKey("partition")) {
            throw refused("--partition is required");
        }
        int partition = (int) number(options, "partition", MAX_PARTITION);
        boolean byOffset = options.containsKey("from-offset");
        boolean byTime = options.containsKey("from-timestamp");
        if (byOffset == byTime) {
            throw refused("give exactly one of --from-offset and --from-timestamp");
        }
        Long from = byOffset ? number(options, "from-offset", Long.MAX_VALUE) : null;
        Instant since = byTime ? instant(options.get("from-timestamp")) : null;
        Long to = options.containsKey("to-offset") ? number(options, "to-offset", Long.MAX_VALUE) : null;
        if (from != null && to != null && to <= from) {
            throw refused("--to-offset (" + to + ") must be greater than --from-offset (" + from + "): it is excluded");
        }
        String dryRun = options.get("dry-run");
        if (dryRun != null && !dryRun.isEmpty()) {
            throw refused("--dry-run takes no value");
        }
        long maxRecords = options.containsKey("max-records")
                ? number(options, "max-records", LIMIT_MAX_RECORDS)
                : DEFAULT_MAX_RECORDS;
        if (maxRecords < 1) {
            throw refused("--max-records must be at least 1");
        }
        return new ReplayRequest(topic, partition, from, since, to, dryRun != null, maxRecords);
    }

    private static long number(Map<String, String> options, String name, long max) {
        String value = options.get(name);
        try {
            long number = Long.parseLong(value);
            if (number < 0 || number > max) {
                throw refused("--" + name + " must be between 0 and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw refused("--" + name + " must be a whole number, not \"" + bounded(value) + "\"");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw refused("--from-timestamp must be an ISO-8601 instant such as 2026-12-01T10:00:00Z, not \""
                    + bounded(value) + "\"");
        }
    }

    static String bounded(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static IllegalArgumentException refused(String message) {
        return new IllegalArgumentException(message + "\n" + USAGE);
    }
}
