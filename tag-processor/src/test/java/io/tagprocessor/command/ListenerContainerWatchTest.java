package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

class ListenerContainerWatchTest {

    private final List<String> fatal = new ArrayList<>();
    private final ListenerContainerWatch watch =
            new ListenerContainerWatch((component, error) -> fatal.add(component + ": " + error.getMessage()));

    @Test
    void aConsumerStoppedByAnErrorIsFatal() {
        watch.consumerStopped(new ConsumerStoppedEvent(this, this, Reason.ERROR));

        assertThat(fatal).containsExactly("listener: command consumer stopped: ERROR");
    }

    @Test
    void aNormalStopIsNot() {
        watch.consumerStopped(new ConsumerStoppedEvent(this, this, Reason.NORMAL));

        assertThat(fatal).isEmpty();
    }
}
