package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        System.setProperty(EngineRegistry.ALLOY_MODEL, "old");
        assertInstanceOf(AlloyEngine.class, EngineRegistry.all().get("alloy").get());
        System.clearProperty(EngineRegistry.ALLOY_MODEL);
        assertInstanceOf(AlloyEngine.class, EngineRegistry.all().get("alloy").get());
        System.setProperty(EngineRegistry.ALLOY_MODEL, "new");
        assertThrows(IllegalArgumentException.class, () -> EngineRegistry.all().get("alloy").get());
    }
}
