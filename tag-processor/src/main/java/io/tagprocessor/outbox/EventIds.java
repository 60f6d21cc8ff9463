package io.tagprocessor.outbox;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The rule for event ids: an id names one fact. It is the name-based UUID of the command that
 * caused the event, the event type and the event's subject (the entity key, or the tag key for tag
 * events), never a position in a list. So the same command yields the same id for the same fact
 * live, on redelivery, on replay and on rebuild, whatever else that run did, and one id can never
 * denote another event type or another key.
 */
public final class EventIds {

    private EventIds() {}

    /** The id of the {@code eventType} event about {@code subjectKey} caused by {@code commandId}. */
    public static UUID of(UUID commandId, String eventType, String subjectKey) {
        // The command id is a UUID and the type a class name, neither holds '/', so the name parses back uniquely.
        String name = commandId + "/event/" + eventType + "/" + subjectKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
