/**
 * The local devstack: {@link io.tagprocessor.devstack.DevStack} runs broker, registry and the service
 * in one command; {@link io.tagprocessor.devstack.SampleClient} publishes sample commands and watches events.
 */
package io.tagprocessor.devstack;
