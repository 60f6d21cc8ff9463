package io.tagprocessor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {

    @Test
    void readsARangeByOffsetAndLeavesSpringPropertiesToSpring() {
        ReplayRequest request = ReplayRequest.parse(
                new String[] {
                    "--replay",
                    "--partition=2",
                    "--from-offset=10",
                    "--to-offset=20",
                    "--dry-run",
                    "--tag-processor.consumer.group-id=x"
                },
                "tag-commands");

        assertThat(request)
                .isEqualTo(
                        new ReplayRequest("tag-commands", 2, 10L, null, 20L, true, ReplayRequest.DEFAULT_MAX_RECORDS));
    }

    @Test
    void readsARangeByTimestampOnAnotherTopic() {
        ReplayRequest request = ReplayRequest.parse(
                new String[] {
                    "--replay",
                    "--topic=other",
                    "--partition=0",
                    "--from-timestamp=2026-12-01T10:00:00Z",
                    "--max-records=5"
                },
                "tag-commands");

        assertThat(request.topic()).isEqualTo("other");
        assertThat(request.fromTimestamp()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(request.maxRecords()).isEqualTo(5);
        assertThat(request.dryRun()).isFalse();
    }

    @Test
    void refusesWhatIsMissingMalformedOrUnbounded() {
        assertRefused("--replay --from-offset=1", "--partition is required");
        assertRefused("--replay --partition=0", "exactly one of --from-offset and --from-timestamp");
        assertRefused("--replay --partition=-1 --from-offset=0", "--partition must be between 0 and 100000");
        assertRefused("--replay --partition=0 --from-offset=abc", "--from-offset must be a whole number");
        assertRefused("--replay --partition=0 --from-offset=5 --to-offset=5", "must be greater than --from-offset");
        assertRefused("--replay --partition=0 --from-timestamp=yesterday", "ISO-8601 instant");
        assertRefused("--replay --partition=0 --from-offset=0 --max-records=100000001", "--max-records must be");
        assertRefused("--replay --partition=0 --from-offset=0 --topic=bad/topic", "--topic must be");
        assertRefused("--replay --partition=0 --from-offset=0 --dry-run=yes", "--dry-run takes no value");
        assertRefused("--replay --partition=0 --partition=1 --from-offset=0", "--partition given twice");
        assertRefused("--replay --partition=0 --from-offset=0 extra", "unexpected argument \"extra\"");
    }

    private static void assertRefused(String commandLine, String message) {
        assertThatThrownBy(() -> ReplayRequest.parse(commandLine.split(" "), "tag-commands"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("usage: java -jar tag-processor-exec.jar --replay");
    }

    @Test
    void readsARebuildAndRefusesItsUnknownOptions() {
        assertThat(RebuildRequest.parse(
                        new String[] {"--rebuild", "--barriers-from=tag-events,tag-command-rejections", "--x.y=z"},
                        "tag-commands"))
                .isEqualTo(
                        new RebuildRequest("tag-commands", java.util.List.of("tag-events", "tag-command-rejections")));
        assertThatThrownBy(() -> RebuildRequest.parse(new String[] {"--rebuild", "--partition=1"}, "tag-commands"))
                .hasMessageContaining("unexpected argument \"--partition=1\" for --rebuild")
                .hasMessageContaining("usage: java -jar tag-processor-exec.jar --rebuild");
        assertThatThrownBy(() -> RebuildRequest.parse(new String[] {"--rebuild", "--barriers-from=a,"}, "tag-commands"))
                .hasMessageContaining("--barriers-from must be");
    }
}
