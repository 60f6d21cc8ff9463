package io.tagprocessor.recovery;

import io.tagprocessor.TagProcessorApplication;
import io.tagprocessor.replay.ReplayMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What an operator mode of the jar ({@code --replay}, {@code --rebuild}) printed and the code it ended with. */
record OperatorRun(int exitCode, String out, String err) {

    /** Runs the jar's operator entry point in this JVM with these arguments. */
    static OperatorRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayMode.run(
                TagProcessorApplication.class,
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new OperatorRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
