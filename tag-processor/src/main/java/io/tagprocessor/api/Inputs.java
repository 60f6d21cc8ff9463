package io.tagprocessor.api;

import io.tagprocessor.tagging.EntityKey;
import io.tagprocessor.tagging.InvalidCommandException;
import io.tagprocessor.tagging.Limits;
import io.tagprocessor.tagging.TagName;
import java.util.function.Supplier;

/**
 * Checks the API's inputs with the domain's own rules ({@link TagName}, {@link EntityKey}) and turns
 * a refusal into a {@code 400} problem naming the parameter. Nothing unchecked reaches a query.
 */
final class Inputs {

    static final int MAX_LIMIT = Limits.PAGE_ITEMS;
    static final int DEFAULT_LIMIT = 50;

    private Inputs() {}

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badParameter(
                    "limit", "INVALID_LIMIT", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    static TagName tagName(String parameter, String raw) {
        return checked(parameter, () -> TagName.parse(raw));
    }

    static String prefix(String raw) {
        return checked("prefix", () -> TagName.normalizedPrefix(raw));
    }

    static EntityKey entity(String type, String id) {
        return checked("entityType/entityId", () -> EntityKey.of(type, id));
    }

    /** A page cursor {@code <entityType>:<entityId>} (the type holds no colon); null when absent. */
    static EntityKey entityCursor(String raw) {
        if (raw == null) {
            return null;
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            throw ApiProblem.badParameter(
                    "after", "INVALID_CURSOR", "after must be <entityType>:<entityId>, the next of a previous page");
        }
        return checked("after", () -> EntityKey.of(raw.substring(0, colon), raw.substring(colon + 1)));
    }

    private static <T> T checked(String parameter, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidCommandException e) {
            throw ApiProblem.badParameter(parameter, e.reason().name(), e.getMessage());
        }
    }
}
