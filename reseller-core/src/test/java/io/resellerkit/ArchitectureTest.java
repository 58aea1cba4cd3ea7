package io.resellerkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the core pure: no JDBC, no adapters, and the model at the bottom of the layers. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.resellerkit");

    @Test
    void coreDoesNotUseJdbc() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(CORE);
    }

    // That the core never depends on an adapter needs no rule here: the adapters are not on the
    // core's module path, so such code would not compile (module-info.java requires only the API).

    @Test
    void onlyTheEntryPointReachesIntoTheEngine() {
        noClasses().that().resideOutsideOfPackage("io.resellerkit.engine..")
                .and().doNotHaveFullyQualifiedName(ResellerKit.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.resellerkit.engine..")
                .check(CORE);
    }

    @Test
    void modelQueriesAndPortsDoNotDependOnTheServices() {
        noClasses().that().resideInAnyPackage("io.resellerkit.model..", "io.resellerkit.query..",
                        "io.resellerkit.spi..", "io.resellerkit.command..", "io.resellerkit.error..")
                .should().dependOnClassesThat().resideInAnyPackage("io.resellerkit", "io.resellerkit.engine..")
                .check(CORE);
    }

    @Test
    void theModelDependsOnNothingButItself() {
        noClasses().that().resideInAPackage("io.resellerkit.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.resellerkit.spi..", "io.resellerkit.query..",
                        "io.resellerkit.command..", "jakarta..", "org.hibernate..")
                .check(CORE);
    }
}
