package io.tagprocessor.outbox;

import java.util.Map;

/**
 * An undecodable record on its way to the dead-letter topic: its original key and value bytes and
 * headers saying where it came from and why it failed. {@code position} is the record's identity,
 * {@code topic/partition/offset/timestamp}: its dead letter's event id derives from it.
 */
public record DeadLetter(String position, byte[] key, byte[] value, Map<String, String> headers) {}
