/**
 * The command consumer: reads batches from {@code tag-commands}, decodes and validates each record,
 * and applies the batch in one transaction with its {@code processed_events} claims and outbox
 * rows. Every record ends applied, no-effect, duplicate, rejected or dead-lettered.
 */
package io.tagprocessor.command;
