package io.tagprocessor.outbox;

import java.util.Map;

/**
 * An undecodable record on its way to the dead-letter topic: its original key and value bytes and
 * headers saying where it came from and why it failed. {@code identity} is the record's
 * {@code topic/partition/offset/timestamp}: its dead letter's event id derives from it.
 */
public record DeadLetter(String identity, byte[] key, byte[] value, Map<String, String> headers) {}
