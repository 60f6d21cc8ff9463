package io.tagprocessor.api;

/** A tag as a list shows it: its display name, description and color (either may be null). */
record TagSummary(String name, String description, String color) {}
