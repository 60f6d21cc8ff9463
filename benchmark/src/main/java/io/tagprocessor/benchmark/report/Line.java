package io.tagprocessor.benchmark.report;

import java.util.Locale;

/**
 * One machine-readable figure line: {@code bench: key=value key=value …}, values without spaces,
 * decimals with a dot, so {@code grep '^bench:'} and a split on spaces and '=' read it back.
 */
public final class Line {

    private final StringBuilder text = new StringBuilder("bench:");

    public Line with(String key, String value) {
        text.append(' ').append(key).append('=').append(value.replace(' ', '_'));
        return this;
    }

    public Line with(String key, long value) {
        return with(key, Long.toString(value));
    }

    public Line with(String key, boolean value) {
        return with(key, Boolean.toString(value));
    }

    /** A decimal with this many digits after the dot. */
    public Line with(String key, double value, int decimals) {
        return with(key, String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
