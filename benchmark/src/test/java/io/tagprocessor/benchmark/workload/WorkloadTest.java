package io.tagprocessor.benchmark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void sameSeedGivesTheSameCommands() {
        List<GeneratedCommand> first = new Workload(7).next(1000);
        List<GeneratedCommand> second = new Workload(7).next(1000);

        assertThat(first)
                .extracting(GeneratedCommand::commandId)
                .containsExactlyElementsOf(
                        second.stream().map(GeneratedCommand::commandId).toList());
    }

    @Test
    void everyEntityChangeBumpsItsVersionByExactlyOne() {
        Map<String, Long> versions = new HashMap<>();

        for (GeneratedCommand command : new Workload(11).next(50_000)) {
            if (command.causesEvent() && command.effect().onEntity()) {
                long previous = versions.getOrDefault(command.key(), 0L);
                assertThat(command.effect().version()).isEqualTo(previous + 1);
                versions.put(command.key(), command.effect().version());
            }
        }
    }

    @Test
    void predictedTagSetsFollowFromAddedAndRemoved() {
        Map<String, Set<String>> tags = new HashMap<>();

        for (GeneratedCommand command : new Workload(13).next(50_000)) {
            if (command.causesEvent() && command.effect().onEntity()) {
                Set<String> current = tags.computeIfAbsent(command.key(), k -> new TreeSet<>());
                current.addAll(command.effect().added());
                current.removeAll(command.effect().removed());
                assertThat(command.effect().tags()).containsExactlyElementsOf(current);
            }
        }
    }

    @Test
    void mixIsMostlyAssignAndUnassignWithAFewReplacesAndDefinitions() {
        Map<String, Long> counts = new HashMap<>();

        new Workload(3)
                .next(100_000)
                .forEach(c -> counts.merge(c.command().getPayload().getClass().getSimpleName(), 1L, Long::sum));

        assertThat(counts.get("TagAssigned")).isBetween(58_000L, 62_000L);
        assertThat(counts.get("TagUnassigned")).isBetween(32_000L, 36_000L);
        assertThat(counts.get("EntityTagsReplaced")).isBetween(4_000L, 6_000L);
        assertThat(counts.get("TagDefined")).isBetween(500L, 1_500L);
    }

    @Test
    void aDefinitionAlwaysChangesItsTag() {
        assertThat(new Workload(5).next(20_000))
                .filteredOn(c -> c.key().startsWith("tag:"))
                .isNotEmpty()
                .allMatch(GeneratedCommand::causesEvent);
    }
}
