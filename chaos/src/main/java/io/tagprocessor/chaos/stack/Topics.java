package io.tagprocessor.chaos.stack;

/** The service's topic names (its defaults); the harness creates them before anyone produces. */
public final class Topics {

    public static final String COMMANDS = "tag-commands";
    public static final String EVENTS = "tag-events";
    public static final String ENTITY_STATE = "tag-entity-state";
    public static final String REJECTIONS = "tag-command-rejections";
    public static final String DEAD_LETTER = "tag-commands.DLT";
    public static final int PARTITIONS = 6;

    private Topics() {}
}
