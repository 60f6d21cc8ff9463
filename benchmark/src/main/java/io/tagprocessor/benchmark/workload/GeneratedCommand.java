package io.tagprocessor.benchmark.workload;

import io.tagprocessor.avro.command.TagCommand;

/**
 * One command as a producer sends it, with what the simulation says it will do.
 *
 * @param key the record key ({@code <entityType>:<entityId>} or {@code tag:<name>})
 * @param effect what it changes, or null when it has no effect (it then causes no event)
 */
public record GeneratedCommand(String key, TagCommand command, Effect effect) {

    public String commandId() {
        return command.getCommandId().toString();
    }

    /** True when the command will cause at least one event on {@code tag-events}. */
    public boolean causesEvent() {
        return effect != null;
    }
}
