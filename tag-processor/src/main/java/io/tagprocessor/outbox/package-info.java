/**
 * Turns what a command did into outbox rows: events on {@code tag-events}, entity state on the
 * compacted {@code tag-entity-state}, refusals on {@code tag-command-rejections} and undecodable
 * records on the dead-letter topic. Event ids are derived from the command id, so the same
 * command always yields the same event ids.
 */
package io.tagprocessor.outbox;
