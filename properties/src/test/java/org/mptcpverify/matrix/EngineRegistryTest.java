package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.core.CoreEngine;

/** tlc and alloy are the generic cores whatever the JVM's properties say (the old models are gone). */
class EngineRegistryTest {
    @AfterEach
    void clear() {
        System.clearProperty("mptcp.tlc");
        System.clearProperty("mptcp.alloy");
    }

    @Test
    void theModelEnginesAreTheGenericCores() {
        System.setProperty("mptcp.tlc", "old");
        System.setProperty("mptcp.alloy", "legacy");
        assertInstanceOf(CoreEngine.class, EngineRegistry.all().get("tlc").get());
        assertInstanceOf(AlloyCoreEngine.class, EngineRegistry.all().get("alloy").get());
        assertEquals(List.of("traces", "tlc", "alloy"), List.copyOf(EngineRegistry.all().keySet()));
    }
}
