package io.tagprocessor.devstack;

import java.util.Map;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Log levels for the devstack's own JVM. Before Spring Boot configures logging, Logback logs everything
 * at DEBUG, and the in-process broker would bury the banner; its INFO chatter stays off afterwards too.
 */
final class QuietLogs {

    static final Map<String, Object> BOOT_DEFAULTS = Map.of(
            "logging.level.kafka", "WARN",
            "logging.level.org.apache.kafka", "WARN",
            "logging.level.state.change.logger", "WARN");

    private QuietLogs() {}

    /** {@code kafka} applies to the broker's and the Kafka clients' loggers. */
    static void apply(LogLevel root, LogLevel kafka) {
        LoggingSystem logging = LoggingSystem.get(QuietLogs.class.getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, root);
        BOOT_DEFAULTS.keySet().forEach(name -> logging.setLogLevel(name.substring("logging.level.".length()), kafka));
    }
}
