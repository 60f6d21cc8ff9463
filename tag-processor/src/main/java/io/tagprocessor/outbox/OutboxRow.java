package io.tagprocessor.outbox;

import java.util.Map;
import java.util.UUID;

/**
 * A record waiting to be published: destination, key and value bytes (value already in wire
 * format; null is a tombstone), the ids that become its headers, extra headers, and optionally a
 * companion record published right after it with the same key. {@code id} is 0 until stored.
 */
public record OutboxRow(
        long id,
        String topic,
        byte[] recordKey,
        UUID eventId,
        String eventType,
        String causationId,
        byte[] payload,
        Companion companion,
        Map<String, String> extraHeaders) {

    /** A second record (the entity's state after an event) for another topic; null payload = tombstone. */
    public record Companion(String topic, String eventType, byte[] payload) {}

    public OutboxRow {
        extraHeaders = Map.copyOf(extraHeaders);
    }

    public static OutboxRow unsaved(
            String topic, byte[] key, UUID eventId, String eventType, String causationId, byte[] payload) {
        return new OutboxRow(0, topic, key, eventId, eventType, causationId, payload, null, Map.of());
    }

    public OutboxRow withCompanion(Companion companion) {
        return new OutboxRow(id, topic, recordKey, eventId, eventType, causationId, payload, companion, extraHeaders);
    }

    public OutboxRow withExtraHeaders(Map<String, String> headers) {
        return new OutboxRow(id, topic, recordKey, eventId, eventType, causationId, payload, companion, headers);
    }
}
