package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.config.LogScope;
import io.tagprocessor.tagging.RejectionReason;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aBatchShowsItsPartitionsAndAnOffsetRangePerPartition() {
        try (LogScope scope = Mdc.batch(List.of(raw(1, 10), raw(1, 12), raw(0, 7), raw(1, 11)))) {
            assertThat(MDC.get("partition")).isEqualTo("0,1");
            assertThat(MDC.get("offset")).isEqualTo("0:7-7,1:10-12");
        }
        try (LogScope scope = Mdc.batch(List.of(raw(3, 5), raw(3, 9)))) {
            assertThat(MDC.get("partition")).isEqualTo("3");
            assertThat(MDC.get("offset")).isEqualTo("5-9");
        }
    }

    @Test
    void aRecordScopeRestoresTheBatchScopeItInterrupted() {
        ReadCommand invalid = new ReadCommand.Invalid(
                raw(2, 40), "key", "c-1", "alice", "cms", RejectionReason.INVALID_TAG_NAME, "bad", "corr\r\nfake line");
        try (LogScope batch = Mdc.batch(List.of(raw(2, 40), raw(2, 41)))) {
            try (LogScope record = Mdc.record(invalid, List.of())) {
                assertThat(MDC.get("offset")).isEqualTo("40");
                assertThat(MDC.get("commandId")).isEqualTo("c-1");
                assertThat(MDC.get("correlationId")).isEqualTo("corr??fake line");
                assertThat(MDC.get("eventId")).isNull();
            }
            assertThat(MDC.get("offset")).isEqualTo("40-41");
            assertThat(MDC.get("commandId")).isNull();
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void manyEventIdsAreCutToTenAndACount() {
        List<UUID> ids = IntStream.range(0, 13).mapToObj(i -> UUID.randomUUID()).toList();
        ReadCommand undecodable = new ReadCommand.Undecodable(raw(0, 1), new IllegalStateException("x"));

        try (LogScope scope = Mdc.record(undecodable, ids)) {
            assertThat(MDC.get("eventId").split(",")).hasSize(11).endsWith("+3 more");
            assertThat(MDC.get("commandId")).isNull();
        }
    }

    private static RawRecord raw(int partition, long offset) {
        return new RawRecord("tag-commands", partition, offset, 0L, new byte[0], new byte[] {0});
    }
}
