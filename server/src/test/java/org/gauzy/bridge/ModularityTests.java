package org.gauzy.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Fails when a module reaches into another's internals or depends on a module it may not
 * (identity may use only platform; features may use identity and platform).
 */
class ModularityTests {

    ApplicationModules modules = ApplicationModules.of(BridgeApplication.class);

    @Test
    void modulesOnlyMeetThroughTheirPublicApi() {
        modules.verify();
    }

    /** One module per capability a reader can name; the README's layout table lists the same. */
    @Test
    void theModulesAreTheCapabilitiesTheReadmeNames() {
        assertThat(modules.stream().map(module -> module.getDisplayName()))
                .containsExactlyInAnyOrder(
                        "Platform",
                        "Identity",
                        "Web pages",
                        "Integration",
                        "Activepieces",
                        "OAuth",
                        "Workspace",
                        "Webhooks",
                        "Automation health",
                        "Demo",
                        "Sandbox");
    }

    /**
     * Jackson 3 ({@code tools.jackson}) is the service's. Jackson 2 is in the jar only because two
     * dependencies are built on it: springdoc's swagger-core writes the OpenAPI document with it, and
     * flyway-core requires it. Its annotations package is shared by both versions. The one class that touches it,
     * {@code AnyJsonSchema}, asks swagger-core what type it is describing, in swagger-core's own terms; it reads and
     * writes no JSON.
     */
    @Test
    void ourCodeUsesOneJackson() {
        JavaClasses ours = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.gauzy.bridge");
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("org.gauzy.bridge.platform.AnyJsonSchema")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.fasterxml.jackson.core..",
                        "com.fasterxml.jackson.databind..",
                        "com.fasterxml.jackson.datatype..",
                        "com.fasterxml.jackson.dataformat..")
                .because("the service reads and writes JSON with Jackson 3 only")
                .check(ours);
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
