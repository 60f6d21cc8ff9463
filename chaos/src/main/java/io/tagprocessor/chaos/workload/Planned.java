package io.tagprocessor.chaos.workload;

import io.tagprocessor.avro.command.TagCommand;

/**
 * One record the harness sends: a command (new, or a deliberate re-send of an earlier one with the
 * same command id), or garbage. {@code invalidReason} is the rejection code a deliberately invalid
 * command must get; null for a command that passes validation.
 */
public record Planned(
        int seq, int phase, String key, TagCommand command, Garbage garbage, String invalidReason, boolean resend) {

    static Planned command(int seq, int phase, String key, TagCommand command) {
        return new Planned(seq, phase, key, command, null, null, false);
    }

    static Planned invalid(int seq, int phase, String key, TagCommand command, String reason) {
        return new Planned(seq, phase, key, command, null, reason, false);
    }

    static Planned resendOf(int seq, int phase, Planned original) {
        return new Planned(seq, phase, original.key, original.command, null, original.invalidReason, true);
    }

    static Planned garbage(int seq, int phase, String key, Garbage kind) {
        return new Planned(seq, phase, key, null, kind, null, false);
    }

    public boolean isGarbage() {
        return garbage != null;
    }
}
