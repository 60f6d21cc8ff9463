package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresClusterTest {

    @Test
    void refusesASettingNameThatIsNoIdentifier() {
        assertThatThrownBy(() -> PostgresCluster.configuration(Map.of("shared_buffers = 1GB\nfsync", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a PostgreSQL setting name");
        assertThatThrownBy(() -> PostgresCluster.configuration(Map.of("fsync", "on'\nfsync = 'off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void writesEachSettingQuotedWithItsQuotesDoubled() {
        assertThat(PostgresCluster.configuration(Map.of("cluster_name", "it's")))
                .contains("cluster_name = 'it''s'\n");
    }

    @Test
    void anOwnerIsAliveOnlyAsThisVeryProcess() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();
        assertThat(PostgresCluster.alive(self.pid() + " " + started)).isTrue();
        assertThat(PostgresCluster.alive(self.pid() + " " + (started - 1)))
                .as("the same pid started at another time: reused")
                .isFalse();
        assertThat(PostgresCluster.alive(Long.MAX_VALUE + " 0")).isFalse();
        assertThat(PostgresCluster.alive("garbage")).isFalse();
    }

    @Test
    void readsTheMajorVersionOfADebianDirectory() {
        assertThat(PostgresPrograms.majorVersion("15")).isEqualTo(15);
        assertThat(PostgresPrograms.majorVersion("9.6")).isEqualTo(9);
        assertThat(PostgresPrograms.majorVersion("common")).isEqualTo(-1);
    }
}
