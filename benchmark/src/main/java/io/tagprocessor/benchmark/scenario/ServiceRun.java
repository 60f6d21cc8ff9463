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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The service in one mode, on a fresh database and its own topics and consumer group: one process,
 * or for {@link Mode#PAIR} two sharing them. The first is sampled once a second from its launch (the
 * origin of every time this run reports) until closed; its CPU and memory are the figures reported.
 */
public final class ServiceRun implements AutoCloseable {

    /** How long a phase waits for the service to work off what the phase before left. */
    public static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);

    private static final Duration CATCH_UP_POLL = Duration.ofMillis(500);

    private final Mode mode;
    private final ServiceTopics topics;
    private final ServiceProcess service;
    private final List<ServiceProcess> others;
    private final ResourceSampler sampler;

    private ServiceRun(
            Mode mode,
            ServiceTopics topics,
            ServiceProcess service,
            List<ServiceProcess> others,
            ResourceSampler sampler) {
        this.mode = mode;
        this.topics = topics;
        this.service = service;
        this.others = others;
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
        List<ServiceProcess> others = new ArrayList<>();
        for (int i = 2; i <= mode.instances(); i++) {
            others.add(stack.service(mode.label() + "-" + i, serviceJar, javaOptions, env)
                    .start());
        }
        try {
            LagReader lag = new LagReader(stack.admin(), topics.commands(), mode.group());
            ResourceSampler sampler = new ResourceSampler(service, stack, lag, database.connect()).start();
            return new ServiceRun(mode, topics, service, others, sampler);
        } catch (SQLException | RuntimeException e) {
            others.forEach(ServiceProcess::close);
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

    /** The Prometheus scrapes of every instance, one after the other (counters add up when parsed). */
    public String prometheus() {
        StringBuilder scrapes = new StringBuilder(service.prometheus());
        others.forEach(other -> scrapes.append('\n').append(other.prometheus()));
        return scrapes.toString();
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
        others.forEach(ServiceProcess::close);
        service.close();
    }
}
