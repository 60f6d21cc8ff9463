package io.tagprocessor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the pipeline readable from its folders: dependencies point one way, no cycles. */
class PackageLayoutTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tagprocessor");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.tagprocessor.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void storeKnowsNothingOfTheLayersAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("..store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..command..", "..outbox..", "..relay..", "..wire..", "io.tagprocessor.avro..")
                .check(CLASSES);
    }

    @Test
    void thePipelineRunsOneWayCommandsToOutboxToRelay() {
        noClasses()
                .that()
                .resideInAPackage("..outbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..command..", "..relay..", "..fanout..", "..replay..", "..idempotency..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("..relay..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..command..", "..tagging..", "..store..", "..idempotency..", "..fanout..", "..wire..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("..command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..relay..", "..replay..", "..retention..")
                .check(CLASSES);
    }

    @Test
    void idempotencyKnowsOnlyTheStore() {
        classes()
                .that()
                .resideInAPackage("..idempotency..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("..idempotency..", "..store..", "java..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void commandAndRelayShowOnlyTheirEntryPoints() {
        noClasses()
                .that()
                .resideInAPackage("io.tagprocessor.command")
                .and()
                .areTopLevelClasses()
                .and()
                .doNotHaveSimpleName("CommandBatchProcessor")
                .and()
                .doNotHaveSimpleName("CommandDecoder")
                .and()
                .doNotHaveSimpleName("Disposition")
                .should()
                .bePublic()
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("io.tagprocessor.relay")
                .and()
                .areTopLevelClasses()
                .and()
                .doNotHaveSimpleName("OutboxRelay")
                .and()
                .doNotHaveSimpleName("RelayConnections")
                .should()
                .bePublic()
                .check(CLASSES);
    }

    @Test
    void theDomainIsPure() {
        classes()
                .that()
                .resideInAPackage("io.tagprocessor.tagging..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.tagprocessor.tagging..", "java..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void wireKnowsNothingOfTags() {
        noClasses()
                .that()
                .resideInAPackage("..wire..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..command..",
                        "..tagging..",
                        "..store..",
                        "..outbox..",
                        "..relay..",
                        "io.tagprocessor.avro..",
                        "..config..")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotKnowKafkaOrTheWireFormat() {
        noClasses()
                .that()
                .resideInAPackage("..tagging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "..wire..",
                        "io.tagprocessor.avro..",
                        "..command..",
                        "..outbox..",
                        "..relay..")
                .check(CLASSES);
    }

    @Test
    void configWiresOnlyTheWireFormat() {
        noClasses()
                .that()
                .resideInAPackage("..config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..command..", "..tagging..", "..store..", "..outbox..", "..relay..")
                .check(CLASSES);
    }

    @Test
    void theReadApiOnlyReadsAndNothingDependsOnIt() {
        noClasses()
                .that()
                .resideInAPackage("io.tagprocessor.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..command..", "..outbox..", "..relay..", "..wire..", "..store..", "io.tagprocessor.avro..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.tagprocessor.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.tagprocessor.api..")
                .check(CLASSES);
    }
}
