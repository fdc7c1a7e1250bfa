package org.mptcpverify.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;

/** The deciding engines by name, in the matrix's column order. */
public final class EngineRegistry {
    private EngineRegistry() {}

    public static Map<String, Supplier<Engine>> all() {
        Map<String, Supplier<Engine>> m = new LinkedHashMap<>();
        return m;
    }
}
