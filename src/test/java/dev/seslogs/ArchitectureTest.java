package dev.seslogs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.seslogs.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The program `pulumi up` runs stands alone: its packages form no cycle, and nothing in it
 * reaches the tooling (the simulated AWS, the offline preview) or the SDK's internal test API.
 * Components take their own args records, never the stack's Settings.
 */
class ArchitectureTest {
    private static JavaClasses program;

    @BeforeAll
    static void importProgram() {
        program = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.seslogs");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.seslogs.(*)..").should().beFreeOfCycles().check(program);
    }

    @Test
    void theProgramNeverReachesTheTooling() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.seslogs.simulation..", "dev.seslogs.preview..", "com.pulumi.test..", "io.grpc..")
                .check(program);
    }

    /** Components take their own args records: only the program's entry point maps the stack's settings into them. */
    @Test
    void onlyTheAppReadsTheSettings() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.seslogs.config..")
                .and()
                .doNotBelongToAnyOf(App.class)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Settings.class)
                .check(program);
    }
}
