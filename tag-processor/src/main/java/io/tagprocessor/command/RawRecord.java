package io.tagprocessor.command;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record as read from Kafka, bytes untouched, with where it came from. */
record RawRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {

    static RawRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new RawRecord(
                record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(), record.value());
    }

    /** {@code topic/partition/offset}: the identity of a record that has no usable command id. */
    String position() {
        return topic + '/' + partition + '/' + offset;
    }
}
