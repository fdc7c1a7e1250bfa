package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.models.tlc.TlcEngine;

/** -Dmptcp.tlc chooses the model behind the tlc engine; an unknown value is refused, never ignored. */
class EngineRegistryTest {
    @AfterEach
    void clear() {
        System.clearProperty(EngineRegistry.TLC_MODEL);
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
}
