package io.tagprocessor.benchmark.scenario;

import io.tagprocessor.benchmark.probe.Sample;
import io.tagprocessor.benchmark.probe.Usage;
import java.util.List;
import java.util.Map;

/**
 * A service draining a pre-loaded backlog. Times are seconds since the service's launch:
 * {@code firstEventSeconds} is when the subscriber saw the first resulting event (JVM start,
 * Spring start, group join and the first batch before it), {@code lastEventSeconds} when it saw
 * the last one. {@code processed} is what the service committed (all of it when complete);
 * {@code lagAtEnd} the group's lag on the commands topic right after the last event (the service
 * commits the group's offsets once a second, so it may trail by a second's worth).
 *
 * @param usage resource use from the first to the last event (the drain)
 * @param peakRssKb the service's peak resident memory over the whole run so far
 */
public record BacklogResult(
        Mode mode,
        int commands,
        int expectedCommands,
        long processed,
        boolean complete,
        double readySeconds,
        double firstEventSeconds,
        double lastEventSeconds,
        long events,
        long lagAtEnd,
        Outcomes outcomes,
        Usage usage,
        long peakRssKb,
        Map<Integer, Long> matchedBySecond,
        List<Sample> samples) {

    public double drainSeconds() {
        return lastEventSeconds - firstEventSeconds;
    }

    /** Commands per second while draining: first to last resulting event. */
    public double throughput() {
        return drainSeconds() <= 0 ? 0 : processed / drainSeconds();
    }

    /** Commands per second from the launch of the service, startup included. */
    public double throughputFromLaunch() {
        return lastEventSeconds <= 0 ? 0 : processed / lastEventSeconds;
    }
}
