package io.tagprocessor.chaos.model;

import java.util.Set;

/** An entity right after one change: its version, its tags (display names), and the command that caused it. */
public record Snapshot(long version, Set<String> tags, String causationId, boolean deletion) {}
