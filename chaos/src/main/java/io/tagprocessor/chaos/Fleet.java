package io.tagprocessor.chaos;

import io.tagprocessor.testinfra.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two service instances of a run: "a" runs throughout (killed and restarted), "b" joins and
 * leaves. After a kill the dead members are removed from the consumer group, as their session
 * timeout (45 s) would eventually do, so a run spends its time on work rather than waiting.
 */
final class Fleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Fleet.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern GENERATION =
            Pattern.compile("Successfully joined group with generation Generation\\{generationId=(\\d+)");

    /** A short relay lease, so that a frozen leader is replaced within the harness's freeze. */
    static final Map<String, String> RELAY_LEASE = Map.of("RELAY_LEASE_TIMEOUT", "3s");

    private final ChaosStack stack;
    private final ServiceProcess first;
    private final ServiceProcess second;

    Fleet(ChaosStack stack, Path jar) {
        this.stack = stack;
        this.first = stack.service("a", jar, 2, RELAY_LEASE);
        this.second = stack.service("b", jar, 2, RELAY_LEASE);
    }

    ServiceProcess first() {
        return first;
    }

    ServiceProcess second() {
        return second;
    }

    List<ServiceProcess> running() {
        return List.of(first, second).stream().filter(ServiceProcess::isRunning).toList();
    }

    void startAndAwait(ServiceProcess instance) {
        instance.start();
        instance.awaitReady(READY_TIMEOUT);
    }

    /** Forgets every member of the service's consumer group; live members simply join again. */
    void expireDeadMembers() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            log.info("chaos=expiring_group_members group={}", ChaosStack.GROUP);
            admin.removeMembersFromConsumerGroup(ChaosStack.GROUP, new RemoveMembersFromConsumerGroupOptions())
                    .all()
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.info("chaos=expire_members_skipped reason={}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this running instance's log says it holds the relay leadership now. */
    static boolean leadsRelay(ServiceProcess instance) {
        if (!instance.isRunning()) {
            return false;
        }
        String pid = " " + instance.pid() + " ---";
        boolean leads = false;
        try {
            for (String line : Files.readAllLines(instance.logFile(), StandardCharsets.UTF_8)) {
                if (line.contains(pid) && line.contains("event=relay_leadership_acquired")) {
                    leads = true;
                } else if (line.contains(pid) && line.contains("event=relay_leadership_released")) {
                    leads = false;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        return leads;
    }

    /** Consumer-group generations the instances joined, less the first: the rebalances they went through. */
    long rebalances() {
        Set<String> generations = new HashSet<>();
        lines().forEach(line -> {
            Matcher m = GENERATION.matcher(line);
            if (m.find()) {
                generations.add(m.group(1));
            }
        });
        return Math.max(0, generations.size() - 1);
    }

    /** Times an instance took the relay leadership, less the first. */
    long relayHandovers() {
        return Math.max(
                0,
                lines().stream()
                                .filter(l -> l.contains("event=relay_leadership_acquired"))
                                .count()
                        - 1);
    }

    private List<String> lines() {
        List<String> all = new ArrayList<>();
        for (ServiceProcess instance : List.of(first, second)) {
            if (Files.exists(instance.logFile())) {
                try {
                    all.addAll(Files.readAllLines(instance.logFile(), StandardCharsets.UTF_8));
                } catch (IOException | UncheckedIOException e) {
                    log.warn("chaos=log_unreadable file={} error={}", instance.logFile(), e.toString());
                }
            }
        }
        return all;
    }

    @Override
    public void close() {
        second.stop();
        first.stop();
    }
}
