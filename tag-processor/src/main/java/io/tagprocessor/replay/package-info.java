/**
 * Operator replay: re-reads a range of one partition of the command topic through the normal
 * processing path ({@code java -jar … --replay …}), or only counts what it would re-read.
 */
package io.tagprocessor.replay;
