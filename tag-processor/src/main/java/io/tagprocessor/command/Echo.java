package io.tagprocessor.command;

/**
 * Makes text taken from a refused record safe to store and echo: at most {@code limit} characters,
 * and no NUL (PostgreSQL text cannot hold it, so one NUL would fail every retry of the record).
 */
final class Echo {

    private Echo() {}

    static String of(String value, int limit) {
        if (value == null) {
            return null;
        }
        String bounded = value.length() <= limit ? value : value.substring(0, limit);
        return bounded.indexOf('\u0000') < 0 ? bounded : bounded.replace('\u0000', '\uFFFD');
    }
}
