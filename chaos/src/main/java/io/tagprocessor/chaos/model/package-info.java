/**
 * The independent model: replays the command log the harness sent (as read back from the topic) by
 * the rules of the README, and says what the service must have ended with.
 */
package io.tagprocessor.chaos.model;
