package io.tagprocessor.benchmark.scenario;

import io.tagprocessor.benchmark.probe.ResourceSampler;
import io.tagprocessor.testinfra.LagReader;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.ServiceProcess;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.Stack;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * One service process in one mode, on a fresh database and its own topics and consumer group,
 * sampled once a second from its launch (the origin of every time this run reports) until closed.
 */
public final class ServiceRun implements AutoCloseable {

    private static final Duration CATCH_UP_POLL = Duration.ofMillis(500);

    private final Mode mode;
    private final ServiceTopics topics;
    private final ServiceProcess service;
    private final ResourceSampler sampler;

    private ServiceRun(Mode mode, ServiceTopics topics, ServiceProcess service, ResourceSampler sampler) {
        this.mode = mode;
        this.topics = topics;
        this.service = service;
        this.sampler = sampler;
    }

    public static ServiceRun launch(
            Stack stack, Mode mode, ServiceTopics topics, Path serviceJar, List<String> javaOptions) {
        PostgresDatabase database = stack.newDatabase("bench_" + mode.label());
        Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment(database, topics));
        env.put("CONSUMER_GROUP_ID", mode.group());
        env.putAll(mode.environment());
        ServiceProcess service =
                stack.service(mode.label(), serviceJar, javaOptions, env).start();
        try {
            LagReader lag = new LagReader(stack.admin(), topics.commands(), mode.group());
            ResourceSampler sampler = new ResourceSampler(service, stack, lag, database.connect()).start();
            return new ServiceRun(mode, topics, service, sampler);
        } catch (SQLException | RuntimeException e) {
            service.close();
            throw new IllegalStateException("cannot watch the service's database", e);
        }
    }

    public Mode mode() {
        return mode;
    }

    public ServiceTopics topics() {
        return topics;
    }

    public ServiceProcess service() {
        return service;
    }

    public ResourceSampler sampler() {
        return sampler;
    }

    /**
     * Waits until the service has committed everything on its commands topic (lag 0), so that a
     * measurement does not inherit the queue of the one before; false when the time limit came first.
     */
    public boolean awaitCaughtUp(Duration timeLimit) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        while (System.nanoTime() < deadline && service.isRunning()) {
            if (sampler.sample().lag() == 0) {
                return true;
            }
            LockSupport.parkNanos(CATCH_UP_POLL.toNanos());
        }
        return false;
    }

    /** Seconds since the service was launched. */
    public double secondsSinceLaunch(long nanos) {
        return (nanos - service.launchedNanos()) / 1e9;
    }

    @Override
    public void close() {
        sampler.close();
        service.close();
    }
}
