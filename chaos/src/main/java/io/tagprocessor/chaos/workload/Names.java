package io.tagprocessor.chaos.workload;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;

/** Entity keys and tag spellings of the workload, including the ones that must normalize alike. */
final class Names {

    private static final String[] ENTITY_TYPES = {"doc", "user", "order.line"};

    private Names() {}

    static String entityType(int entity) {
        return ENTITY_TYPES[entity % ENTITY_TYPES.length];
    }

    /** Mostly plain ids; some with spaces and non-ASCII letters (printable, so valid). */
    static String entityId(int entity) {
        if (entity % 50 == 7) {
            return "Ölbild " + entity;
        }
        if (entity % 50 == 19) {
            return "ключ/" + entity + " ✓";
        }
        return "e%05d".formatted(entity);
    }

    static String entityKey(int entity) {
        return entityType(entity) + ":" + entityId(entity);
    }

    /** Canonical (NFC) spelling of pool tag {@code n}; every 25th is non-ASCII. */
    static String poolTag(int n) {
        return n % 25 == 3 ? "Café-%03d".formatted(n) : "Topic-%03d".formatted(n);
    }

    static String lifecycleTag(int n) {
        return "Life-%02d".formatted(n);
    }

    static String freshTag(int epoch, int n) {
        return "Fresh-%d-%02d".formatted(epoch, n);
    }

    /** Another spelling of an existing tag that normalizes to the same name. */
    static String variant(String canonical, Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return canonical.toUpperCase(Locale.ROOT);
            case 1:
                return canonical.toLowerCase(Locale.ROOT);
            case 2:
                return "  " + canonical + " ";
            default:
                return Normalizer.normalize(canonical, Normalizer.Form.NFD);
        }
    }

    static String tagKey(String name) {
        return "tag:"
                + Normalizer.normalize(
                        Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT),
                        Normalizer.Form.NFC);
    }
}
