package io.tagprocessor.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard and the alert rules are well-formed: the dashboard is Grafana JSON whose every panel
 * queries Prometheus through the dashboard's data source variable; the rules pass
 * {@code promtool check rules} and their unit tests ({@code alerts_test.yml}: each alert fires on
 * the series it is meant for, and not before). Without promtool on PATH the rule checks are skipped,
 * unless {@code TAG_PROCESSOR_REQUIRE_DEPLOY_TOOLS=true} (CI), where that is a failure.
 */
class ObservabilityFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DASHBOARD = ROOT.resolve("observability/grafana/tag-processor.json");
    private static final Path RULES = ROOT.resolve("observability/prometheus/alerts.yml");
    private static final Path RULE_TESTS = ROOT.resolve("observability/prometheus/alerts_test.yml");

    @Test
    void everyDashboardPanelQueriesPrometheusThroughTheDataSourceVariable() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));

        assertThat(dashboard.get("uid").asString()).isEqualTo("tag-processor");
        Set<Integer> ids = new HashSet<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("unique panel id").isTrue();
            if (panel.get("type").asString().equals("row")) {
                continue;
            }
            titles.add(panel.get("title").asString());
            assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("${datasource}");
            assertThat(panel.get("targets")).isNotEmpty();
            panel.get("targets")
                    .forEach(target -> assertThat(target.get("expr").asString())
                            .as(panel.get("title").asString())
                            .isNotBlank()
                            .contains("job=~\"$job\""));
        }
        assertThat(String.join("|", titles).toLowerCase(java.util.Locale.ROOT))
                .contains("commands by outcome", "lag", "relay delay", "backlog", "age", "retries", "heap");
    }

    @Test
    void theAlertRulesPassPromtoolsCheck() throws Exception {
        Run run = promtool("check", "rules", RULES.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: 7 rules found");
    }

    @Test
    void eachAlertFiresOnTheSeriesItIsMeantFor() throws Exception {
        Run run = promtool("test", "rules", RULE_TESTS.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    private record Run(int exitCode, String output) {}

    private static Run promtool(String... arguments) throws IOException, InterruptedException {
        Path promtool = onPath("promtool");
        String missing = "promtool is not on PATH (Debian package prometheus), so the alert rules were not checked";
        if (promtool == null && "true".equalsIgnoreCase(System.getenv("TAG_PROCESSOR_REQUIRE_DEPLOY_TOOLS"))) {
            fail(missing + ", and TAG_PROCESSOR_REQUIRE_DEPLOY_TOOLS=true requires it");
        }
        assumeTrue(promtool != null, missing);
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("promtool", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool did not finish within 60 s");
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path onPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
