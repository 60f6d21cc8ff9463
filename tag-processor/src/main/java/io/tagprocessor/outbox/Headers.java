package io.tagprocessor.outbox;

/**
 * Names of the headers of a dead letter (besides {@code event_id}, {@code event_type} and
 * {@code causation_id}, which every published record carries): where it came from and why.
 */
public final class Headers {

    public static final String DLT_ORIGINAL_TOPIC = "dlt_original_topic";
    public static final String DLT_ORIGINAL_PARTITION = "dlt_original_partition";
    public static final String DLT_ORIGINAL_OFFSET = "dlt_original_offset";
    public static final String DLT_ORIGINAL_TIMESTAMP = "dlt_original_timestamp";
    public static final String DLT_EXCEPTION_CLASS = "dlt_exception_class";
    public static final String DLT_EXCEPTION_MESSAGE = "dlt_exception_message";

    private Headers() {}
}
