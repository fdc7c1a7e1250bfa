package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.alloy.AlloyEngine;
import org.mptcpverify.models.core.CoreEngine;

/** tlc is the generic core whatever the JVM's properties say; -Dmptcp.alloy chooses the Alloy model, an unknown value is refused. */
class EngineRegistryTest {
    @AfterEach
    void clear() {
        System.clearProperty("mptcp.tlc");
        System.clearProperty(EngineRegistry.ALLOY_MODEL);
    }

    @Test
    void tlcIsTheGenericCore() {
        System.setProperty("mptcp.tlc", "old");
        assertInstanceOf(CoreEngine.class, EngineRegistry.all().get("tlc").get());
        assertEquals(List.of("traces", "tlc", "alloy"), List.copyOf(EngineRegistry.all().keySet()));
    }

    @Test
    void theAlloyModelIsChosenByTheProperty() {
        System.setProperty(EngineRegistry.ALLOY_MODEL, "core");
        assertInstanceOf(AlloyCoreEngine.class, EngineRegistry.all().get("alloy").get());
        assertTrue(EngineRegistry.alloyIsCore());
        for (String legacy : List.of("legacy", "old")) {
            System.setProperty(EngineRegistry.ALLOY_MODEL, legacy);
            assertInstanceOf(AlloyEngine.class, EngineRegistry.all().get("alloy").get());
            assertFalse(EngineRegistry.alloyIsCore());
        }
        System.clearProperty(EngineRegistry.ALLOY_MODEL);
        // without the property: the default model, and results commits the core's verdicts only for the core
        assertEquals(EngineRegistry.ALLOY_DEFAULT.equals("core"),
                EngineRegistry.all().get("alloy").get() instanceof AlloyCoreEngine);
        assertEquals(EngineRegistry.ALLOY_DEFAULT.equals("core"), EngineRegistry.alloyIsCore());
        System.setProperty(EngineRegistry.ALLOY_MODEL, "new");
        assertThrows(IllegalArgumentException.class, () -> EngineRegistry.all().get("alloy").get());
    }
}
