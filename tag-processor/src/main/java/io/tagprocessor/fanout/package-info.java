/**
 * The fan-out of tag renames and deletes to the entities carrying the tag: a background worker that
 * changes them in bounded chunks, one transaction each, and the settling of an entity's pending
 * fan-out by the batch of its next command.
 */
package io.tagprocessor.fanout;
