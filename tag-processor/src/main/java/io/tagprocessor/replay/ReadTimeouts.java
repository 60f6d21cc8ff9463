package io.tagprocessor.replay;

import java.time.Duration;

/**
 * How long replay, rebuild and the barrier import wait on Kafka: one poll, one metadata or offsets
 * request, and a partition that should still have records but yields none before they give up.
 */
final class ReadTimeouts {

    static final Duration POLL = Duration.ofMillis(500);
    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STALL = Duration.ofSeconds(60);

    private ReadTimeouts() {}
}
