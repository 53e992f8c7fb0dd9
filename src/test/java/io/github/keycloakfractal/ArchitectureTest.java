package io.github.keycloakfractal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout rules of the README, as tests: the Fractal core knows nothing of Keycloak; imports flow one way,
 * router -> features -> shared adapters -> core; no package imports a package that imports it; no class is long.
 */
class ArchitectureTest {
    private static final String ROOT = "io.github.keycloakfractal";
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void theCoreKnowsNothingOfKeycloak() {
        noClasses().that().resideInAPackage(ROOT + ".fractal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta.ws.rs..", "org.jboss..", ROOT + ".keycloak..")
                .check(classes);
    }

    @Test
    void importsFlowFromTheRouterThroughFeaturesAndSharedAdaptersToTheCore() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Router").definedBy(ROOT + ".keycloak.rest..", ROOT + ".keycloak.admin..")
                .layer("Tasks").definedBy(ROOT + ".keycloak.tasks..")
                .layer("Features").definedBy(ROOT + ".keycloak.broker..", ROOT + ".keycloak.webhook..", ROOT + ".keycloak.kraken..",
                        ROOT + ".keycloak.credentials..", ROOT + ".keycloak.sync..", ROOT + ".keycloak.status..")
                .layer("Shared").definedBy(ROOT + ".keycloak.settings..", ROOT + ".keycloak.http..", ROOT + ".keycloak.kyc..",
                        ROOT + ".keycloak.setup..", ROOT + ".keycloak.metrics..")
                .layer("Core").definedBy(ROOT + ".fractal..")
                .whereLayer("Router").mayNotBeAccessedByAnyLayer()
                .whereLayer("Tasks").mayOnlyBeAccessedByLayers("Router")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Router", "Tasks", "Features")
                .whereLayer("Shared").mayOnlyBeAccessedByLayers("Router", "Tasks", "Features", "Shared")
                .check(classes);
    }

    @Test
    void noPackageImportsAPackageThatImportsIt() {
        slices().matching(ROOT + ".keycloak.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching(ROOT + ".fractal.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noSourceFileIsOver250Lines() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> long_ = sources.filter(path -> path.toString().endsWith(".java")).filter(ArchitectureTest::over250).map(Path::toString).toList();
            assertThat(long_).as("split these by domain idea").isEmpty();
        }
    }

    private static boolean over250(Path source) {
        try {
            return Files.readAllLines(source).size() > 250;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
