package io.tagprocessor.deploy;

import static io.tagprocessor.deploy.YamlTree.at;
import static io.tagprocessor.deploy.YamlTree.list;
import static io.tagprocessor.deploy.YamlTree.map;
import static io.tagprocessor.deploy.YamlTree.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml: health checks, start order, documented settings, durable state. */
class ComposeFileTest {

    private static final String FILE = "docker-compose.yml";
    private static final String PROCESSOR = "tag-processor";
    private static final String PROMETHEUS_CONFIG = "deploy/prometheus/prometheus.yml";

    private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml(FILE);
    private static final Map<String, Object> SERVICES = map(COMPOSE.get("services"));

    @Test
    void everyServiceHasAHealthCheck() {
        assertThat(SERVICES).isNotEmpty();
        SERVICES.forEach((name, service) -> {
            Object test = at(service, "healthcheck", "test");
            assertThat(test).as("healthcheck.test of compose service %s", name).isNotNull();
            assertThat(list(test))
                    .as("healthcheck.test of %s", name)
                    .isNotEmpty()
                    .doesNotContain("NONE");
            assertThat(text(service, "healthcheck", "disable"))
                    .as("healthcheck.disable of %s", name)
                    .isNotEqualTo("true");
        });
    }

    @Test
    void everyDependencyWaitsUntilItIsHealthy() {
        SERVICES.forEach((name, service) -> {
            Object dependsOn = at(service, "depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn)
                    .as("depends_on of %s must be a map with conditions (a list only waits for a start)", name)
                    .isInstanceOf(Map.class);
            map(dependsOn)
                    .forEach((dependency, condition) -> assertThat(text(condition, "condition"))
                            .as("depends_on %s -> %s", name, dependency)
                            .isEqualTo("service_healthy"));
        });
    }

    @Test
    void everyVariableGivenToTheProcessorIsInTheReadmeTable() {
        ConfigurationTable table = ConfigurationTable.fromReadme();
        assertThat(environment(SERVICES.get(PROCESSOR)).keySet())
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(table.documents(variable))
                        .as(
                                "%s given to %s in %s is documented in README's Configuration table",
                                variable, PROCESSOR, FILE)
                        .isTrue());
    }

    @Test
    void processorHealthCheckAndPortAreTheServicesOwn() {
        ServiceSettings settings = ServiceSettings.fromClasspath();
        Object processor = SERVICES.get(PROCESSOR);
        assertThat(String.join(
                        " ",
                        list(at(processor, "healthcheck", "test")).stream()
                                .map(Object::toString)
                                .toList()))
                .contains("127.0.0.1:" + settings.defaultPort() + ServiceSettings.READINESS_PATH);
        assertThat(list(at(processor, "ports")))
                .map(Object::toString)
                .anySatisfy(port -> assertThat(port).endsWith(":" + settings.defaultPort()));
        assertThat(environment(processor)).doesNotContainKey(settings.portVariable());
    }

    @Test
    void databaseAndBrokerKeepTheirDataInNamedVolumes() {
        assertThat(namedVolumeAt("postgres", "/var/lib/postgresql/data")).isEqualTo("postgres-data");
        String kafkaLogDirs = environment(SERVICES.get("kafka")).get("KAFKA_LOG_DIRS");
        assertThat(namedVolumeAt("kafka", kafkaLogDirs)).isEqualTo("kafka-data");
        assertThat(namedVolumeAt("postgres", "/backups")).isEqualTo("backups");
        assertThat(map(COMPOSE.get("volumes"))).containsKeys("postgres-data", "kafka-data", "backups");
    }

    @Test
    void registryKeepsItsSchemasInItsOwnDatabase() {
        Map<String, String> registry = environment(SERVICES.get("schema-registry"));
        assertThat(registry)
                .containsEntry("APICURIO_STORAGE_KIND", "sql")
                .containsEntry("APICURIO_STORAGE_SQL_KIND", "postgresql")
                .containsEntry("APICURIO_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/registry")
                .containsEntry("APICURIO_DATASOURCE_USERNAME", "registry");
        assertThat(list(at(SERVICES.get("postgres"), "volumes")))
                .contains("./deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro");
        assertThat(RepositoryFiles.read("deploy/postgres/initdb/10-create-registry-database.sh"))
                .contains("CREATE ROLE registry LOGIN")
                .contains("CREATE DATABASE registry OWNER registry");
    }

    @Test
    void pgAdminStartsWithTheDatabaseRegistered() {
        assertThat(list(at(SERVICES.get("pgadmin"), "volumes")))
                .contains("./deploy/pgadmin/servers.json:/pgadmin4/servers.json:ro");
        String servers = RepositoryFiles.read("deploy/pgadmin/servers.json");
        assertThat(servers).contains("\"Host\": \"postgres\"").contains("\"MaintenanceDB\": \"tagprocessor\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "monitoring"})
    void dockerComposeAcceptsTheFile(String profile) {
        DeployTool compose = DeployTool.require("docker-compose", "docker-compose");
        List<String> arguments =
                new ArrayList<>(List.of("-f", RepositoryFiles.path(FILE).toString()));
        if (!profile.isEmpty()) {
            arguments.addAll(List.of("--profile", profile));
        }
        arguments.addAll(List.of("config", "-q"));
        DeployTool.Run run = compose.run(arguments.toArray(String[]::new));
        assertThat(run.exitCode())
                .as("docker-compose config -q: %s", run.stderr())
                .isZero();
    }

    @Test
    void prometheusOfTheMonitoringProfileScrapesTheService() {
        ServiceSettings settings = ServiceSettings.fromClasspath();
        Object job = list(RepositoryFiles.yaml(PROMETHEUS_CONFIG).get("scrape_configs"))
                .get(0);
        assertThat(text(job, "metrics_path")).isEqualTo(ServiceSettings.PROMETHEUS_PATH);
        assertThat(list(at(list(at(job, "static_configs")).get(0), "targets")))
                .containsExactly(PROCESSOR + ":" + settings.defaultPort());
        assertThat(list(at(SERVICES.get("prometheus"), "volumes")))
                .contains("./" + PROMETHEUS_CONFIG + ":/etc/prometheus/prometheus.yml:ro");

        DeployTool promtool = DeployTool.require("promtool", "prometheus");
        DeployTool.Run run = promtool.run(
                "check", "config", RepositoryFiles.path(PROMETHEUS_CONFIG).toString());
        assertThat(run.exitCode())
                .as("promtool check config: %s%s", run.stdout(), run.stderr())
                .isZero();
    }

    /** A service's environment, given as a map or as a list of NAME=value. */
    static Map<String, String> environment(Object service) {
        Object environment = at(service, "environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((name, value) -> variables.put(name.toString(), String.valueOf(value)));
        } else {
            for (Object entry : list(environment)) {
                String[] pair = entry.toString().split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return variables;
    }

    private static String namedVolumeAt(String service, String containerPath) {
        for (Object volume : list(at(SERVICES.get(service), "volumes"))) {
            String[] parts = volume.toString().split(":");
            if (parts.length >= 2 && parts[1].equals(containerPath) && !parts[0].startsWith(".")) {
                return parts[0];
            }
        }
        return null;
    }
}
