/**
 * The tag domain: names, entity keys, the commands a producer can send, the changes they cause, and
 * how a batch of them is applied. Knows no database: it reads and writes through its own ports
 * ({@link io.tagprocessor.tagging.EntityStore}, {@link io.tagprocessor.tagging.TagStore},
 * {@link io.tagprocessor.tagging.FanoutStore}), which the store implements, and through the records it
 * defines ({@link io.tagprocessor.tagging.TagRow}, {@link io.tagprocessor.tagging.EntityRow}, ...).
 */
package io.tagprocessor.tagging;
