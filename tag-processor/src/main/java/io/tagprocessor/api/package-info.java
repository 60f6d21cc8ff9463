/**
 * The read HTTP API under {@code /api/v1}: an entity's tags, tags by prefix, one tag with its entity
 * count and a tag's entities. Read-only (changes are commands on Kafka); every input is bounded and
 * checked with the domain's own rules; pages are keyset pages; errors are RFC 9457 problem details.
 */
package io.tagprocessor.api;
