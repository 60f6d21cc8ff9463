package io.tagprocessor.chaos.workload;

/** Kinds of undecodable record; each must end DEAD_LETTERED under {@code <topic>/<partition>/<offset>}. */
public enum Garbage {
    RANDOM_BYTES,
    WRONG_MAGIC_BYTE,
    UNKNOWN_SCHEMA_ID,
    TRUNCATED_AVRO,
    TRAILING_BYTES,
    EMPTY_VALUE,
    NULL_VALUE,
    COMMAND_ID_NOT_A_UUID
}
