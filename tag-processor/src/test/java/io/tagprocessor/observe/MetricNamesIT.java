package io.tagprocessor.observe;

import static io.tagprocessor.pipeline.Commands.assign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.http.RunningService;
import io.tagprocessor.pipeline.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the Prometheus alert rules use exists on
 * {@code /actuator/prometheus} of a running service that has processed a few commands (an applied
 * one, a rejected one, a dead letter, and an API call), so a renamed metric breaks this test rather
 * than a dashboard panel or a silent alert.
 */
class MetricNamesIT extends RunningService {

    private static final Path DASHBOARD = Path.of("..", "observability", "grafana", "tag-processor.json");
    private static final Path ALERTS = Path.of("..", "observability", "prometheus", "alerts.yml");
    private static final Pattern METRIC = Pattern.compile(
            "\\b(?:tag_processor|kafka_consumer|kafka_producer|jvm|process|hikaricp|http_server|executor|system)_[a-zA-Z0-9_]+");

    @BeforeEach
    void processAFewCommands() {
        String entity = unique("metrics");
        sendAndAwait(
                assign("doc", entity, unique("m")),
                new Commands.Keyed(
                        "doc:" + entity,
                        new TagCommand(
                                UUID.randomUUID(),
                                Instant.now(),
                                "alice",
                                "cms",
                                null,
                                new TagAssigned("doc", entity, "not;valid"))));
        sendRaw(("garbage:" + entity).getBytes(StandardCharsets.UTF_8), new byte[] {9, 9});
        assertThat(get("/api/v1/tags?limit=1").statusCode()).isEqualTo(200);
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExposed() throws IOException {
        Set<String> used = new TreeSet<>();
        used.addAll(metricsIn(Files.readString(DASHBOARD)));
        used.addAll(metricsIn(Files.readString(ALERTS)));
        assertThat(used).as("metrics named in the dashboard and alerts").hasSizeGreaterThan(10);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> exposed = exposedNames();
            assertThat(exposed).containsAll(used);
        });
    }

    /** The names of the samples and of their families ({@code # TYPE name …}) in a scrape. */
    private Set<String> exposedNames() throws IOException {
        String scrape = get("/actuator/prometheus").body();
        Files.writeString(Path.of("target", "prometheus-scrape.txt"), scrape);
        Set<String> names = scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        scrape.lines()
                .filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2])
                .forEach(names::add);
        return names;
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
