package io.tagprocessor.store;

import java.util.Map;
import java.util.UUID;

/**
 * A record waiting to be published: destination, key and value bytes (value already in wire
 * format; null is a tombstone) and headers. {@code id} is 0 until stored.
 */
public record OutboxRow(
        long id,
        String topic,
        byte[] recordKey,
        UUID eventId,
        String eventType,
        byte[] payload,
        Map<String, String> headers) {

    public OutboxRow {
        headers = Map.copyOf(headers);
    }

    public static OutboxRow unsaved(
            String topic, byte[] key, UUID eventId, String eventType, byte[] payload, Map<String, String> headers) {
        return new OutboxRow(0, topic, key, eventId, eventType, payload, headers);
    }
}
