package io.tagprocessor.outbox;

/**
 * Names of the extra headers (besides {@code event_id}, {@code event_type} and
 * {@code causation_id}, which every published record carries): a dead letter's origin and why it
 * failed, and a tag rename's or delete's barrier.
 */
public final class Headers {

    public static final String DLT_ORIGINAL_TOPIC = "dlt_original_topic";
    public static final String DLT_ORIGINAL_PARTITION = "dlt_original_partition";
    public static final String DLT_ORIGINAL_OFFSET = "dlt_original_offset";
    public static final String DLT_ORIGINAL_TIMESTAMP = "dlt_original_timestamp";
    public static final String DLT_EXCEPTION_CLASS = "dlt_exception_class";
    public static final String DLT_EXCEPTION_MESSAGE = "dlt_exception_message";
    /** Present when the key or value was cut to fit the dead-letter topic: the original size in bytes. */
    public static final String DLT_ORIGINAL_KEY_SIZE = "dlt_original_key_size";

    public static final String DLT_ORIGINAL_VALUE_SIZE = "dlt_original_value_size";

    /**
     * On the event (or rejection) of a tag rename or delete: where it stood among the other
     * partitions' commands, as {@link io.tagprocessor.store.RestructureBarrier#header()} writes it.
     */
    public static final String RESTRUCTURE_BARRIER = "restructure_barrier";

    private Headers() {}
}
