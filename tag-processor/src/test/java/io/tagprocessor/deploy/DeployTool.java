package io.tagprocessor.deploy;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the deploy files are checked with (docker-compose, kubectl). Where it is not
 * installed the calling test is skipped, unless {@code TAG_PROCESSOR_REQUIRE_DEPLOY_TOOLS=true}
 * (set by .ci/run, which installs them) turns the absence into a failure.
 */
record DeployTool(String name, Path executable) {

    static final String REQUIRE_VARIABLE = "TAG_PROCESSOR_REQUIRE_DEPLOY_TOOLS";
    private static final long TIMEOUT_SECONDS = 120;

    record Run(int exitCode, String stdout, String stderr) {}

    /** The tool on PATH; otherwise the test is skipped, or fails when the tools are required. */
    static DeployTool require(String name, String debianPackage) {
        Path found = onPath(name);
        String missing = name + " is not on PATH (Debian package " + debianPackage
                + "; .ci/run installs it), so this check did not run";
        if (found == null && "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE))) {
            fail(missing + ", and " + REQUIRE_VARIABLE + "=true requires it");
        }
        assumeTrue(found != null, missing);
        return new DeployTool(name, found);
    }

    private static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    Run run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(name, ".out");
            Path err = Files.createTempFile(name, ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(RepositoryFiles.ROOT.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
