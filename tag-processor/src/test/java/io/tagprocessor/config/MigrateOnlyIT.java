package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.testinfra.Ports;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code DATABASE_MIGRATE=only}, as a Kubernetes migration Job runs it: the packaged jar in a process
 * of its own migrates and validates, then exits 0 without touching Kafka (pointed at a port where no
 * broker listens) or opening its HTTP port; on failure it exits non-zero saying why.
 */
class MigrateOnlyIT {

    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void migratesValidatesAndExitsZeroWithoutTouchingKafka() throws Exception {
        try (PostgresDatabase database = TestInfrastructure.get().newDatabase("migrate_only")) {
            Run run = runJar(database);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output())
                    .contains("schema_migrate applied=" + migrationCount())
                    .contains("event=migrate_only_done outcome=success")
                    .doesNotContain("ConsumerConfig values", "ProducerConfig values", "AdminClientConfig values")
                    .doesNotContain("Tomcat started");
            assertThat(jdbc(database)
                            .sql("SELECT count(*) FROM flyway_schema_history WHERE success")
                            .query(Long.class)
                            .single())
                    .isEqualTo(migrationCount());
        }
    }

    @Test
    void aDatabaseFlywayCannotMigrateExitsNonZeroNamingTheProblem() throws Exception {
        try (PostgresDatabase database = TestInfrastructure.get().newDatabase("migrate_only_fail")) {
            jdbc(database).sql("CREATE TABLE unrelated (id INT)").update();

            Run run = runJar(database);

            assertThat(run.exitCode()).as(run.output()).isNotZero();
            assertThat(run.output())
                    .contains("Found non-empty schema(s) \"public\" but no schema history table")
                    .doesNotContain("event=migrate_only_done");
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run runJar(PostgresDatabase database) throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "migrate-only-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                executableJar().toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DATABASE_MIGRATE", "only");
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USERNAME", database.username());
        env.put("DATABASE_STARTUP_TIMEOUT", "10s");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + Ports.free());
        env.put("SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + Ports.free());
        env.put("SERVER_PORT", String.valueOf(Ports.free()));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("migrate-only run did not end within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The jar {@code package} built before the integration tests run. */
    private static Path executableJar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no target/*-exec.jar: run through mvn verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long migrationCount() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;
    }

    private static JdbcClient jdbc(PostgresDatabase database) {
        return JdbcClient.create(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
    }
}
