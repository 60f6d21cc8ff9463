package io.tagprocessor.benchmark.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class ScrapeParsingTest {

    private static final String SCRAPE = """
            # HELP tag_processor_commands_total
            # TYPE tag_processor_commands_total counter
            tag_processor_commands_total{application="tag-processor",outcome="applied"} 179749.0
            tag_processor_commands_total{application="tag-processor",outcome="no_effect"} 20251.0
            tag_processor_relay_delay_seconds{application="tag-processor",quantile="0.5"} 0.032
            tag_processor_relay_delay_seconds{application="tag-processor",quantile="0.99"} 0.1925
            """;

    @Test
    void outcomesAreReadFromTheCommandCounter() {
        Outcomes outcomes = Outcomes.parse(SCRAPE);

        assertThat(outcomes.get("applied")).isEqualTo(179_749);
        assertThat(outcomes.total()).isEqualTo(200_000);
        assertThat(outcomes.summary()).isEqualTo("applied:179749,no_effect:20251");
    }

    @Test
    void relayDelayQuantilesAreReadInMilliseconds() {
        RelayDelay delay = RelayDelay.parse(SCRAPE);

        assertThat(delay.p50Millis()).isEqualTo(32.0, offset(1e-9));
        assertThat(delay.p99Millis()).isEqualTo(192.5, offset(1e-9));
    }

    @Test
    void anEmptyScrapeSaysUnknown() {
        assertThat(Outcomes.parse("").summary()).isEqualTo("unknown");
        assertThat(RelayDelay.parse("").p99Millis()).isEqualTo(-1);
    }
}
