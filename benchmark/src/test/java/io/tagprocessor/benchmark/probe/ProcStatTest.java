package io.tagprocessor.benchmark.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void countsTheCompilerThreadsOfThisJvmAsAPartOfItsCpu() {
        long pid = ProcessHandle.current().pid();

        double compilers = ProcStat.compilerCpuSeconds(pid);
        double all = ProcStat.cpuSeconds(pid);

        assertThat(compilers)
                .as("a JVM that loaded JUnit and AssertJ has compiled something")
                .isPositive();
        assertThat(compilers).isLessThanOrEqualTo(all);
    }

    @Test
    void aProcessThatIsGoneHasNoCompilerTime() {
        assertThat(ProcStat.compilerCpuSeconds(Long.MAX_VALUE)).isZero();
        assertThat(ProcStat.cpuSeconds(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
