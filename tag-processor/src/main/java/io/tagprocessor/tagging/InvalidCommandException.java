package io.tagprocessor.tagging;

/** A command that breaks a rule of the domain; it is refused with a reason code, never retried. */
public final class InvalidCommandException extends RuntimeException {

    private final RejectionReason reason;

    public InvalidCommandException(RejectionReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
