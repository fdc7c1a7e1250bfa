package org.mptcpverify.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.core.CoreEngine;

/** The tlc column is the generic core whatever the JVM's properties say; the columns keep their order. */
class EngineRegistryTest {
    @Test
    void tlcIsTheGenericCore() {
        System.setProperty("mptcp.tlc", "old");
        try {
            assertInstanceOf(CoreEngine.class, EngineRegistry.all().get("tlc").get());
        } finally {
            System.clearProperty("mptcp.tlc");
        }
        assertEquals(List.of("traces", "tlc", "alloy"), List.copyOf(EngineRegistry.all().keySet()));
    }
}
