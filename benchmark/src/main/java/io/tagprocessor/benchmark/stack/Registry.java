package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.Stack;
import io.tagprocessor.wire.SchemaRegistry;
import java.time.Duration;

/** The stack's schema registry as producers and subscribers use it: each schema and id asked once. */
public final class Registry {

    private Registry() {}

    public static SchemaRegistry client(Stack stack) {
        return SchemaRegistry.caching(stack.registryUrl(), null, null, Duration.ofSeconds(10));
    }
}
