package fr.mlml.ledger.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The client library is what members' software embeds: it must build and run with none of the server's packages
 * (nor the server's libraries), so that {@code target/mlml-ledger-client.jar} stands on its own.
 */
class ClientArchitectureTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.mlml.ledger.client");

    @Test
    void theClientUsesNothingOfTheServer() {
        classes().that().resideInAPackage("fr.mlml.ledger.client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("fr.mlml.ledger.client..", "java..", "javax.crypto..")
                .because("members' software embeds the client without the server")
                .check(CLIENT);
    }
}
