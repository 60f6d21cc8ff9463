/**
 * Re-driving a dead-lettered record once its cause is fixed: an operator tool until the service has an
 * endpoint for it.
 */
package io.tagprocessor.chaos.redrive;
