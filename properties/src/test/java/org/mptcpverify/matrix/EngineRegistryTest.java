package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.alloy.AlloyEngine;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.models.tlc.TlcEngine;

/** -Dmptcp.tlc and -Dmptcp.alloy choose the models behind the tlc and alloy engines; an unknown value is refused, never ignored. */
class EngineRegistryTest {
    @AfterEach
    void clear() {
        System.clearProperty(EngineRegistry.TLC_MODEL);
        System.clearProperty(EngineRegistry.ALLOY_MODEL);
    }

    @Test
    void theTlcModelIsChosenByTheProperty() {
        System.setProperty(EngineRegistry.TLC_MODEL, "core");
        assertInstanceOf(CoreEngine.class, EngineRegistry.all().get("tlc").get());
        System.setProperty(EngineRegistry.TLC_MODEL, "old");
        assertInstanceOf(TlcEngine.class, EngineRegistry.all().get("tlc").get());
        System.setProperty(EngineRegistry.TLC_MODEL, "new");
        assertThrows(IllegalArgumentException.class, () -> EngineRegistry.all().get("tlc").get());
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
