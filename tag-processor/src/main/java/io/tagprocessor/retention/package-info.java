/**
 * Retention consistent with replay: claims in {@code processed_events} are kept exactly as long as
 * the command topic holds a copy of their command, and pruned when it no longer does.
 */
package io.tagprocessor.retention;
