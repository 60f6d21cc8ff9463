package io.tagprocessor.command;

import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.FatalErrorHandler;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerFailedToStartEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.stereotype.Component;

/**
 * A command consumer that stops for any reason but a normal stop (an {@link Error} such as
 * {@link OutOfMemoryError} escaping the listener, refused credentials, fencing) or never starts leaves
 * its partitions unread while the process looks alive: that is fatal.
 */
@Component
@ConditionalOnProcessing
class ListenerContainerWatch {

    private final FatalErrorHandler fatal;

    ListenerContainerWatch(FatalErrorHandler fatal) {
        this.fatal = fatal;
    }

    @EventListener
    void consumerStopped(ConsumerStoppedEvent event) {
        if (event.getReason() != ConsumerStoppedEvent.Reason.NORMAL) {
            fatal.fatal("listener", new IllegalStateException("command consumer stopped: " + event.getReason()));
        }
    }

    @EventListener
    void consumerFailedToStart(ConsumerFailedToStartEvent event) {
        fatal.fatal("listener", new IllegalStateException("command consumer failed to start: " + event));
    }
}
