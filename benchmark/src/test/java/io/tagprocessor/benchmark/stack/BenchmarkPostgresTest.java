package io.tagprocessor.benchmark.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void refusesAComposeFileWhosePostgresSetsNothing(@TempDir Path directory) throws IOException {
        Path compose = Files.writeString(directory.resolve("compose.yml"), """
                services:
                  postgres:
                    image: postgres:16
                """);
        assertThatThrownBy(() -> BenchmarkPostgres.composeSettings(compose))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("services.postgres.command");
    }

    @Test
    void refusesASettingWithoutAValue(@TempDir Path directory) throws IOException {
        Path compose = Files.writeString(directory.resolve("compose.yml"), """
                services:
                  postgres:
                    command: [postgres, -c, fsync]
                """);
        assertThatThrownBy(() -> BenchmarkPostgres.composeSettings(compose))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-c fsync' is not name=value");
    }
}
