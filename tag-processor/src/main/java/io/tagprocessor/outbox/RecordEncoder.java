package io.tagprocessor.outbox;

import org.apache.avro.specific.SpecificRecord;

/** Encodes a record for a topic in the wire format subscribers read (Confluent framing). */
@FunctionalInterface
public interface RecordEncoder {

    byte[] encode(String topic, SpecificRecord record);
}
