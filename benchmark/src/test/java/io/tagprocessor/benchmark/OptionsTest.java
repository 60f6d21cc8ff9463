package io.tagprocessor.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.testinfra.StandaloneKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void readsNamedOptionsAndKeepsTheLastOfARepeatedOne() {
        Options options = Options.parse(new String[] {
            "--backlog=1000", "--rates=100, 200", "--phases=latency", "--backlog=2000", "--warmup-seconds=0"
        });

        assertThat(options.backlog()).isEqualTo(2000);
        assertThat(options.rates()).containsExactly(100, 200);
        assertThat(options.phases()).isEqualTo(Set.of("latency"));
        assertThat(options.warmup()).isZero();
        assertThat(Options.parse(new String[] {"--broker-java-opts=-Xmx512m  -XX:TieredStopAtLevel=1"})
                        .brokerJavaOptions())
                .containsExactly("-Xmx512m", "-XX:TieredStopAtLevel=1");
        assertThat(options.runs("batch")).isFalse();
    }

    @Test
    void measuresOnAnOwnClusterWithTheComposeFilesSettingsUnlessToldOtherwise() {
        Options defaults = Options.parse(new String[] {});

        assertThat(defaults.postgres()).isEqualTo("own");
        assertThat(defaults.composeFile())
                .endsWith(Path.of("docker-compose.yml"))
                .isRegularFile();
        assertThat(Options.parse(new String[] {"--postgres=local"}).postgres()).isEqualTo("local");
    }

    @Test
    void quickShortensTheRunAndWritesUnderQuick() {
        Options options = Options.parse(new String[] {"--quick", "--results=/tmp/bench"});

        assertThat(options.backlog()).isEqualTo(20_000);
        assertThat(options.rateDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.brokerJavaOptions()).isEqualTo(StandaloneKafka.TEST_JVM);
        assertThat(options.results()).hasToString("/tmp/bench/quick");
    }

    @Test
    void refusesAnUnknownOptionInsteadOfStartingAFullRun() {
        for (String arg : List.of("--help", "--baclog=10", "backlog=10", "--=1", "-q")) {
            assertThatThrownBy(() -> Options.parse(new String[] {arg}))
                    .as(arg)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown option '" + arg + "'")
                    .hasMessageContaining("--backlog=");
        }
    }

    @Test
    void refusesAnUnknownPhase() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--phases=latency,warp"}))
                .hasMessageContaining("--phases takes any of");
    }
}
