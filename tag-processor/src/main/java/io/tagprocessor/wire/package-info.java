/**
 * The Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) on Apache Avro, and a caching
 * client for any schema registry with the Confluent REST API. Knows nothing of tags.
 */
package io.tagprocessor.wire;
