package io.tagprocessor.config;

/**
 * What startup does to the schema ({@code DATABASE_MIGRATE}): {@code true} migrates then runs the
 * service, {@code false} only validates (a pending migration fails startup), {@code only} migrates,
 * validates and exits without touching Kafka — the deploy-time migration job.
 */
public enum MigrateMode {
    TRUE,
    FALSE,
    ONLY;

    static final String PROPERTY = "tag-processor.database.migrate";

    public boolean migrates() {
        return this != FALSE;
    }

    /** Reads the mode from a raw property value, as startup needs it before properties are bound. */
    static MigrateMode of(String value) {
        if (value == null || value.isBlank()) {
            return TRUE;
        }
        for (MigrateMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "DATABASE_MIGRATE (" + PROPERTY + ") must be true, false or only, not \"" + value.strip() + "\"");
    }
}
