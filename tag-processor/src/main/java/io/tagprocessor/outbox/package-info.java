/**
 * The transactional outbox: the {@code outbox} table ({@link io.tagprocessor.outbox.OutboxRepository},
 * written in the command's transaction, read and emptied by the relay) and what fills it. Turns what
 * a command did into outbox rows: events on {@code tag-events}, entity state on the
 * compacted {@code tag-entity-state}, refusals on {@code tag-command-rejections} and undecodable
 * records on the dead-letter topic. An event id names one fact (command, event type, subject; see
 * {@link io.tagprocessor.outbox.EventIds}), so a re-run never gives an id to another fact.
 */
package io.tagprocessor.outbox;
