package io.tagprocessor.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * What the deploy files must agree with, read from the service's real application.yml on the
 * classpath rather than repeated here: the HTTP port, the probe groups, the exposed endpoints.
 */
record ServiceSettings(
        int defaultPort,
        String portVariable,
        boolean probesEnabled,
        List<String> exposedEndpoints,
        Duration shutdownPhaseTimeout) {

    /** {@code ${NAME:default}}: an environment variable with its default. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");

    /** Boot's own default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration BOOT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    static final String LIVENESS_PATH = "/actuator/health/liveness";
    static final String READINESS_PATH = "/actuator/health/readiness";
    static final String PROMETHEUS_PATH = "/actuator/prometheus";

    static ServiceSettings fromClasspath() {
        Map<String, Object> yaml =
                RepositoryFiles.documents(classpathText("/application.yml")).get(0);
        Matcher port = placeholder(YamlTree.text(yaml, "server", "port"), "server.port");
        String timeout = YamlTree.text(yaml, "spring", "lifecycle", "timeout-per-shutdown-phase");
        return new ServiceSettings(
                Integer.parseInt(port.group(2)),
                port.group(1),
                Boolean.parseBoolean(YamlTree.text(yaml, "management", "endpoint", "health", "probes", "enabled")),
                Arrays.stream(YamlTree.text(yaml, "management", "endpoints", "web", "exposure", "include")
                                .split(","))
                        .map(String::trim)
                        .toList(),
                timeout == null ? BOOT_SHUTDOWN_PHASE_TIMEOUT : DurationStyle.detectAndParse(timeout));
    }

    private static Matcher placeholder(String value, String property) {
        Matcher matcher = PLACEHOLDER.matcher(value == null ? "" : value);
        if (!matcher.matches()) {
            throw new IllegalStateException(property + " is not ${VARIABLE:default} in application.yml: " + value);
        }
        return matcher;
    }

    private static String classpathText(String resource) {
        try (InputStream in = ServiceSettings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
