package io.tagprocessor.deploy;

import static io.tagprocessor.deploy.Manifests.container;
import static io.tagprocessor.deploy.Manifests.env;
import static io.tagprocessor.deploy.Manifests.envFrom;
import static io.tagprocessor.deploy.Manifests.podLabels;
import static io.tagprocessor.deploy.Manifests.podSpec;
import static io.tagprocessor.deploy.YamlTree.at;
import static io.tagprocessor.deploy.YamlTree.list;
import static io.tagprocessor.deploy.YamlTree.map;
import static io.tagprocessor.deploy.YamlTree.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * k8s/: probes, port and environment agree with the service's configuration and README, the
 * autoscalers stay within the partitions, the migration Job runs migrate-only; and every overlay
 * renders with kubectl into an app that still holds together.
 */
class KubernetesManifestsTest {

    private static final String BASE = "k8s/base/";
    private static final String CONFIG_MAP = "tag-processor-config";
    private static final String SECRET = "tag-processor-secrets";
    private static final ServiceSettings SERVICE = ServiceSettings.fromClasspath();
    private static final Manifests FILES = Manifests.files(
            BASE + "deployment.yaml",
            BASE + "migration-job.yaml",
            BASE + "service.yaml",
            BASE + "poddisruptionbudget.yaml",
            BASE + "secret.example.yaml",
            "k8s/addons/keda/scaledobject.yaml",
            "k8s/addons/hpa/horizontalpodautoscaler.yaml",
            "k8s/addons/servicemonitor/servicemonitor.yaml");

    @Test
    void probesAndPortAreTheServicesOwn() {
        assertProbesAndPort(FILES.one("Deployment"));
        Map<String, Object> service = FILES.one("Service");
        Object servicePort = list(at(service, "spec", "ports")).get(0);
        assertThat(text(servicePort, "targetPort")).isEqualTo("http");
        Object endpoint =
                list(at(FILES.one("ServiceMonitor"), "spec", "endpoints")).get(0);
        assertThat(text(endpoint, "path")).isEqualTo(ServiceSettings.PROMETHEUS_PATH);
        assertThat(text(endpoint, "port")).isEqualTo("http");
        assertThat(SERVICE.exposedEndpoints()).contains("health", "prometheus");
    }

    @Test
    void everyVariableGivenToTheProcessorIsInTheReadmeTable() throws IOException {
        Set<String> variables = new TreeSet<>(Manifests.generatorLiterals(BASE + "kustomization.yaml", CONFIG_MAP)
                .keySet());
        for (Path overlay : overlays()) {
            variables.addAll(Manifests.generatorLiterals(kustomization(overlay), CONFIG_MAP)
                    .keySet());
        }
        variables.addAll(env(FILES.one("Deployment")).keySet());
        variables.addAll(env(FILES.one("Job")).keySet());
        variables.addAll(map(at(FILES.named("Secret", SECRET), "stringData")).keySet());
        assertDocumented(variables, "k8s/");
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFilesystem() {
        for (Map<String, Object> workload : List.of(FILES.one("Deployment"), FILES.one("Job"))) {
            assertThat(text(podSpec(workload), "securityContext", "runAsNonRoot"))
                    .isEqualTo("true");
            Map<String, Object> container = container(workload);
            assertThat(text(container, "securityContext", "readOnlyRootFilesystem"))
                    .isEqualTo("true");
            assertThat(text(container, "securityContext", "allowPrivilegeEscalation"))
                    .isEqualTo("false");
            assertThat(text(container, "resources", "limits", "memory")).isNotNull();
            assertThat(text(container, "resources", "requests", "cpu")).isNotNull();
            String tmpVolume = list(container.get("volumeMounts")).stream()
                    .filter(mount -> "/tmp".equals(text(mount, "mountPath")))
                    .map(mount -> text(mount, "name"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("/tmp is not mounted in " + at(workload, "kind")));
            assertThat(list(podSpec(workload).get("volumes")))
                    .anySatisfy(volume -> assertThat(map(volume))
                            .containsEntry("name", tmpVolume)
                            .containsKey("emptyDir"));
        }
    }

    @Test
    void podsOutlastTheServicesShutdownAndSpreadOut() {
        Map<String, Object> deployment = FILES.one("Deployment");
        Map<String, Object> pod = podSpec(deployment);
        assertThat(Integer.parseInt(text(pod, "terminationGracePeriodSeconds")))
                .as("grace period beyond Boot's shutdown phase timeout, so the batch in hand is committed")
                .isGreaterThan((int) SERVICE.shutdownPhaseTimeout().toSeconds());
        Map<String, Object> labels = podLabels(deployment);
        assertThat(list(pod.get("topologySpreadConstraints")))
                .isNotEmpty()
                .allSatisfy(constraint ->
                        assertThat(labels).containsAllEntriesOf(map(at(constraint, "labelSelector", "matchLabels"))));
        assertThat(labels)
                .containsAllEntriesOf(map(at(FILES.one("PodDisruptionBudget"), "spec", "selector", "matchLabels")))
                .containsAllEntriesOf(map(at(FILES.one("Service"), "spec", "selector")));
    }

    @Test
    void migrationJobMigratesAndThePodsOnlyValidate() {
        assertMigrationOrder(FILES.one("Deployment"), FILES.one("Job"));
    }

    @Test
    void autoscalersStayWithinThePartitions() {
        Map<String, String> config = Manifests.generatorLiterals(BASE + "kustomization.yaml", CONFIG_MAP);
        assertWithinPartitions(FILES.one("ScaledObject"), config);
        assertWithinPartitions(FILES.one("HorizontalPodAutoscaler"), config);
    }

    @Test
    void secretTemplateIsNeverRenderedAndHoldsOnlyPlaceholders() throws IOException {
        try (Stream<Path> files = Files.walk(RepositoryFiles.path("k8s"))) {
            for (Path file : files.filter(f -> f.endsWith("kustomization.yaml")).toList()) {
                assertThat(Files.readString(file)).as("%s", file).doesNotContain("secret.example.yaml");
            }
        }
        for (Map<String, Object> secret : FILES.all("Secret")) {
            map(at(secret, "stringData")).forEach((key, value) -> {
                if (key.toUpperCase().contains("PASSWORD") || key.contains("JAAS")) {
                    assertThat(value.toString()).as("%s in the template", key).contains("CHANGE_ME");
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayRendersIntoAConsistentApp(Path overlay) {
        DeployTool kubectl = DeployTool.require("kubectl", "kubernetes-client");
        DeployTool.Run run = kubectl.run("kustomize", overlay.toString());
        assertThat(run.exitCode())
                .as("kubectl kustomize %s: %s", overlay, run.stderr())
                .isZero();
        Manifests app = Manifests.rendered(run.stdout());

        Map<String, Object> deployment = app.one("Deployment");
        Map<String, Object> job = app.one("Job");
        Map<String, Object> configMap = app.one("ConfigMap");
        String configMapName = text(configMap, "metadata", "name");
        assertThat(configMapName).startsWith(CONFIG_MAP);
        for (Map<String, Object> workload : List.of(deployment, job)) {
            assertThat(envFrom(workload, "configMapRef")).containsExactly(configMapName);
            assertThat(envFrom(workload, "secretRef")).containsExactly(SECRET);
        }
        assertProbesAndPort(deployment);
        assertMigrationOrder(deployment, job);

        Map<String, String> config = new java.util.LinkedHashMap<>();
        map(configMap.get("data")).forEach((key, value) -> config.put(key, value.toString()));
        assertDocumented(config.keySet(), overlay.toString());
        List<Map<String, Object>> autoscalers = new ArrayList<>(app.all("ScaledObject"));
        autoscalers.addAll(app.all("HorizontalPodAutoscaler"));
        assertThat(autoscalers).as("one autoscaler, KEDA or HPA, never both").hasSize(1);
        assertWithinPartitions(autoscalers.get(0), config);
        assertThat(text(autoscalers.get(0), "spec", "scaleTargetRef", "name"))
                .isEqualTo(text(deployment, "metadata", "name"));

        assertThat(app.all("Secret")).as("secrets are created outside git").isEmpty();
        String namespace = text(RepositoryFiles.yaml(kustomization(overlay)), "namespace");
        assertThat(app.objects())
                .allSatisfy(object -> assertThat(text(object, "metadata", "namespace"))
                        .as("namespace of %s %s", object.get("kind"), text(object, "metadata", "name"))
                        .isEqualTo(namespace));
    }

    static List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(RepositoryFiles.path("k8s/overlays"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String kustomization(Path overlay) {
        return RepositoryFiles.ROOT
                .relativize(overlay.resolve("kustomization.yaml"))
                .toString();
    }

    private static void assertProbesAndPort(Map<String, Object> deployment) {
        assertThat(SERVICE.probesEnabled())
                .as("management.endpoint.health.probes.enabled in application.yml")
                .isTrue();
        Map<String, Object> container = container(deployment);
        Object port = list(container.get("ports")).get(0);
        assertThat(text(port, "name")).isEqualTo("http");
        assertThat(text(port, "containerPort")).isEqualTo(String.valueOf(SERVICE.defaultPort()));
        assertThat(env(deployment)).doesNotContainKey(SERVICE.portVariable());
        assertThat(text(container, "livenessProbe", "httpGet", "path")).isEqualTo(ServiceSettings.LIVENESS_PATH);
        assertThat(text(container, "startupProbe", "httpGet", "path")).isEqualTo(ServiceSettings.LIVENESS_PATH);
        assertThat(text(container, "readinessProbe", "httpGet", "path")).isEqualTo(ServiceSettings.READINESS_PATH);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(text(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
        }
    }

    private static void assertMigrationOrder(Map<String, Object> deployment, Map<String, Object> job) {
        assertThat(env(job)).containsEntry("DATABASE_MIGRATE", "only");
        assertThat(env(deployment)).containsEntry("DATABASE_MIGRATE", "false");
        assertThat(text(container(job), "image")).isEqualTo(text(container(deployment), "image"));
        assertThat(text(podSpec(job), "restartPolicy")).isEqualTo("Never");
    }

    private static void assertWithinPartitions(Map<String, Object> autoscaler, Map<String, String> config) {
        String max = "ScaledObject".equals(autoscaler.get("kind"))
                ? text(autoscaler, "spec", "maxReplicaCount")
                : text(autoscaler, "spec", "maxReplicas");
        int consumersPerPod = Integer.parseInt(config.get("CONSUMER_CONCURRENCY"));
        int partitions = Integer.parseInt(config.get("TOPIC_PARTITIONS"));
        assertThat(Integer.parseInt(max) * consumersPerPod)
                .as(
                        "%s: max pods %s x CONSUMER_CONCURRENCY %d within TOPIC_PARTITIONS %d",
                        autoscaler.get("kind"), max, consumersPerPod, partitions)
                .isLessThanOrEqualTo(partitions);
    }

    private static void assertDocumented(Set<String> variables, String where) {
        ConfigurationTable table = ConfigurationTable.fromReadme();
        assertThat(variables)
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(table.documents(variable))
                        .as(
                                "%s given to the processor in %s is documented in README's Configuration table",
                                variable, where)
                        .isTrue());
    }
}
