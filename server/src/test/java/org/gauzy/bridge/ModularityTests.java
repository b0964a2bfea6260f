package org.gauzy.bridge;

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

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
