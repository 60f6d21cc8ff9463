package io.tagprocessor.chaos.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Violations by kind, each counted, the first few of each kind kept word for word. */
public final class Findings {

    /** Kinds of violation; the summary line prints each count. */
    public enum Kind {
        /** an expected effect, claim, event or dead letter is missing */
        LOST,
        /** an effect, claim or event exists more often than it may (a second effect, a phantom event) */
        DOUBLED,
        /** the database or the compacted state topic differs from the model */
        STATE_MISMATCH,
        /** a record ended with another outcome or reason than the model says */
        OUTCOME_MISMATCH,
        /** an event says something else than the model for that entity version */
        EVENT_MISMATCH,
        /** versions of one key out of order or with a gap in the order they were published */
        ORDER_VIOLATION
    }

    private static final int KEPT_PER_KIND = 10;

    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, List<String>> examples = new EnumMap<>(Kind.class);

    public void add(Kind kind, String description) {
        counts.merge(kind, 1, Integer::sum);
        List<String> kept = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < KEPT_PER_KIND) {
            kept.add(description);
        }
    }

    public int count(Kind kind) {
        return counts.getOrDefault(kind, 0);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line per kept example, prefixed by its kind. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        examples.forEach((kind, list) -> list.forEach(line -> lines.add(kind + ": " + line)));
        return lines;
    }
}
