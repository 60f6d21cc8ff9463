package io.tagprocessor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile builds from source on a clean clone and runs as the deploy files expect; its
 * build context (.dockerignore) carries what the Maven build reads and none of the host's output.
 */
class ContainerImageTest {

    private static final String DOCKERFILE = RepositoryFiles.read("Dockerfile");
    private static final DockerIgnore CONTEXT = DockerIgnore.parse(RepositoryFiles.read(".dockerignore"));
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void contextCarriesEveryModulePomAndTheSourcesTheBuildReads() {
        List<String> needed = new ArrayList<>(List.of(
                "mvnw",
                ".mvn/wrapper/maven-wrapper.properties",
                "pom.xml",
                "schemas/avro/TagCommand.avsc",
                "schemas/avro/released/TagCommand.avsc",
                "migrations/V1__create_tag_tables.sql",
                "tag-processor/src/main/java/io/tagprocessor/TagProcessorApplication.java",
                "tag-processor/src/main/resources/application.yml",
                "test-infra/src/main/java/io/tagprocessor/testinfra/StandaloneKafka.java"));
        Matcher modules = MODULE.matcher(RepositoryFiles.read("pom.xml"));
        while (modules.find()) {
            needed.add(modules.group(1) + "/pom.xml");
        }
        assertThat(needed)
                .hasSizeGreaterThan(9)
                .allSatisfy(path -> assertThat(CONTEXT.sends(path))
                        .as("the build context carries %s", path)
                        .isTrue());
    }

    @Test
    void contextLeavesOutBuildOutputAndLocalState() {
        assertThat(List.of(
                        "tag-processor/target/tag-processor-0.1.0-SNAPSHOT-exec.jar",
                        "test-infra/target/apicurio/apicurio-registry-app-3.0.9-runner.jar",
                        "target/x",
                        ".git/HEAD",
                        ".idea/workspace.xml",
                        "tag-processor/tag-processor.iml",
                        "devstack-data/pg/base",
                        "benchmark/results/benchmark.png",
                        "chaos/src/main/java/io/tagprocessor/chaos/Chaos.java"))
                .allSatisfy(path -> assertThat(CONTEXT.sends(path))
                        .as("the build context leaves out %s", path)
                        .isFalse());
    }

    @Test
    void buildsWithTheWrapperAndRunsBootsLayersOnAJre() {
        List<String> from = instructions("FROM");
        assertThat(from.get(0)).startsWith("eclipse-temurin:17-jdk");
        assertThat(from.get(from.size() - 1)).isEqualTo("eclipse-temurin:17-jre");
        assertThat(DOCKERFILE)
                .contains("./mvnw -B -q -pl tag-processor -am package")
                .contains("java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher");
        assertThat(instructions("COPY").stream().filter(c -> c.startsWith("--from=build /layers/")))
                .map(copy -> copy.split("/")[2])
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(instructions("ENTRYPOINT"))
                .containsExactly("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @Test
    void runsAsNonRootWithAHealthCheckOnReadiness() {
        ServiceSettings service = ServiceSettings.fromClasspath();
        List<String> user = instructions("USER");
        assertThat(user).hasSize(1);
        assertThat(Integer.parseInt(user.get(0).split(":")[0])).isPositive();
        assertThat(instructions("EXPOSE")).containsExactly(String.valueOf(service.defaultPort()));
        String healthCheck = String.join(" ", instructions("HEALTHCHECK"));
        assertThat(healthCheck).contains("curl").contains(ServiceSettings.READINESS_PATH);
        assertThat(runtimeStage()).contains("apt-get install -y --no-install-recommends curl");
        assertThat(runtimeStage())
                .contains("LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs")
                .contains("SERVER_PORT=" + service.defaultPort())
                .containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=");
    }

    /** Arguments of every instruction with this keyword, continuation lines joined. */
    private static List<String> instructions(String keyword) {
        String joined = DOCKERFILE.replaceAll("\\\\\n\\s*", " ");
        return Arrays.stream(joined.split("\n"))
                .filter(line -> line.startsWith(keyword + " "))
                .map(line -> line.substring(keyword.length() + 1).strip())
                .toList();
    }

    private static String runtimeStage() {
        return DOCKERFILE.substring(DOCKERFILE.lastIndexOf("\nFROM "));
    }
}
