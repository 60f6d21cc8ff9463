package io.tagprocessor.testinfra;

/**
 * Java agent loaded into the registry child JVM: halts it as soon as the JVM that launched it is
 * gone, so a killed test run or devstack (even {@code kill -9}) leaves no registry behind. Must stay
 * self-contained: it is copied alone into the agent jar.
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
