package io.tagprocessor.benchmark.workload;

/** A generated command as bytes for one topic: the record a producer would send. */
public record EncodedCommand(GeneratedCommand command, byte[] key, byte[] value) {}
