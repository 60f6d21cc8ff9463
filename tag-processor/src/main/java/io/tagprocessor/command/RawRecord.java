package io.tagprocessor.command;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record as read from Kafka, bytes untouched, with where it came from. */
record RawRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {

    static RawRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new RawRecord(
                record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(), record.value());
    }

    /** {@code topic/partition/offset}: where the record was read, for logs. */
    String position() {
        return topic + '/' + partition + '/' + offset;
    }

    /**
     * {@code topic/partition/offset/timestamp}: the identity of a record that has no usable command id
     * (its claim key and its dead letter's event id). The timestamp keeps a record of a recreated topic,
     * whose offsets start again at 0, from being taken for the record that had its offset before.
     */
    String identity() {
        return position() + '/' + timestamp;
    }
}
