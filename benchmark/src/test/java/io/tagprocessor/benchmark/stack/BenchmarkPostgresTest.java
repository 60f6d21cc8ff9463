package io.tagprocessor.benchmark.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkPostgresTest {

    @Test
    void takesTheSettingsTheComposeFileShipsWithDurabilityOn() {
        assertThat(BenchmarkPostgres.composeSettings(Path.of("..", "docker-compose.yml")))
                .containsEntry("fsync", "on")
                .containsEntry("synchronous_commit", "on")
                .containsEntry("full_page_writes", "on")
                .containsEntry("shared_buffers", "256MB")
                .containsEntry("max_wal_size", "4GB")
                .containsEntry("checkpoint_timeout", "15min")
                .containsEntry("wal_compression", "on")
                .containsKey("tcp_keepalives_idle");
    }

    @Test
    void refusesAComposeFileThatSetsNothingOrASettingWithoutValue(@TempDir Path directory) throws IOException {
        assertThat(refusal(directory, "services:\n  postgres:\n    image: postgres:16\n"))
                .contains("services.postgres has no command");
        assertThat(refusal(directory, "services:\n  postgres:\n    command: [postgres]\n"))
                .contains("services.postgres.command sets nothing with -c");
        assertThat(refusal(directory, "services:\n  postgres:\n    command: [postgres, -c, fsync]\n"))
                .contains("'-c fsync' is not name=value");
        assertThat(refusal(directory, "services:\n  postgres:\n    command: postgres -c fsync=on\n"))
                .contains("not a list of words");
    }

    private static String refusal(Path directory, String yaml) throws IOException {
        Path compose = Files.writeString(directory.resolve("compose.yml"), yaml);
        return catchThrowableOfType(IllegalArgumentException.class, () -> BenchmarkPostgres.composeSettings(compose))
                .getMessage();
    }
}
