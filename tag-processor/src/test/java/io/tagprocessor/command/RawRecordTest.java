package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawRecordTest {

    @Test
    void aRecordOfARecreatedTopicAtAnOffsetAnEarlierRecordHadHasAnotherIdentity() {
        RawRecord before = new RawRecord("tag-commands", 2, 17, 1_796_000_000_000L, null, new byte[] {1});
        RawRecord afterRecreation = new RawRecord("tag-commands", 2, 17, 1_796_000_900_000L, null, new byte[] {1});

        assertThat(before.position()).isEqualTo(afterRecreation.position()).isEqualTo("tag-commands/2/17");
        assertThat(before.identity()).isEqualTo("tag-commands/2/17/1796000000000");
        assertThat(afterRecreation.identity()).isNotEqualTo(before.identity());
    }

    @Test
    void aRedeliveryOfTheSameRecordHasTheSameIdentity() {
        RawRecord first = new RawRecord("tag-commands", 0, 5, 42L, new byte[] {9}, new byte[] {1});
        RawRecord again = new RawRecord("tag-commands", 0, 5, 42L, new byte[] {9}, new byte[] {1});

        assertThat(again.identity()).isEqualTo(first.identity());
    }
}
