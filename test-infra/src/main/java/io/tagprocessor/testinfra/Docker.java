package io.tagprocessor.testinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Answers "is there a Docker engine?" without ever throwing or hanging: no socket and no DOCKER_HOST
 * means no (Testcontainers is not even asked), and Testcontainers' own probe gets a time limit.
 * {@code TESTINFRA_DOCKER=false} (or {@code -Dtestinfra.docker=false}) turns Docker off.
 */
final class Docker {

    private static final Logger log = LoggerFactory.getLogger(Docker.class);
    private static final long PROBE_TIMEOUT_SECONDS = 20;
    private static Boolean available;

    private Docker() {}

    static synchronized boolean available() {
        if (available == null) {
            available = detect();
        }
        return available;
    }

    private static boolean detect() {
        String setting = System.getProperty("testinfra.docker", System.getenv("TESTINFRA_DOCKER"));
        if ("false".equalsIgnoreCase(setting)) {
            return false;
        }
        if (!engineConfigured()) {
            log.info("docker=absent reason=no_socket_or_docker_host");
            return false;
        }
        try {
            boolean available =
                    CompletableFuture.supplyAsync(Docker::probe).get(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("docker={}", available ? "available" : "unreachable");
            return available;
        } catch (Exception e) {
            log.info("docker=unreachable reason={}", e.toString());
            return false;
        }
    }

    private static boolean probe() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static boolean engineConfigured() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        List<Path> candidates = List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".testcontainers.properties"),
                Path.of(runtimeDir == null ? "/nonexistent" : runtimeDir, "docker.sock"));
        return candidates.stream().anyMatch(Files::exists);
    }
}
