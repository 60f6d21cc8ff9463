package io.tagprocessor.testinfra;

/**
 * Java agent loaded into every child JVM {@link ChildProcess} launches (registry, standalone broker,
 * service): halts it as soon as the JVM that launched it is gone, so a killed test run, devstack,
 * chaos run or benchmark (even {@code kill -9}) leaves no process behind. Must stay self-contained: it
 * is copied alone into the agent jar.
 */
public final class ParentWatchdog {

    private static final int ORPHANED = 3;

    private ParentWatchdog() {}

    public static void premain(String parentPid) {
        Runnable halt = () -> Runtime.getRuntime().halt(ORPHANED);
        ProcessHandle.of(Long.parseLong(parentPid.strip()))
                .ifPresentOrElse(parent -> parent.onExit().thenRun(halt), halt);
    }
}
