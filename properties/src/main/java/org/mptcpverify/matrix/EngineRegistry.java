package org.mptcpverify.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.models.alloy.AlloyEngine;
import org.mptcpverify.models.tlc.TlcEngine;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.traces.TracesEngine;

/** The deciding engines by name, in the matrix's column order. */
public final class EngineRegistry {
    private EngineRegistry() {}

    public static Map<String, Supplier<Engine>> all() {
        Map<String, Supplier<Engine>> m = new LinkedHashMap<>();
        m.put("traces", () -> new TracesEngine(new ReferenceRunner()));
        m.put("tlc", TlcEngine::new);
        m.put("alloy", AlloyEngine::new);
        return m;
    }
}
