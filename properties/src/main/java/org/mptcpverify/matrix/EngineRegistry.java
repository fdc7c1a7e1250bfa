package org.mptcpverify.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.models.alloy.AlloyEngine;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.traces.TracesEngine;

/** The deciding engines by name, in the matrix's column order. */
public final class EngineRegistry {
    private EngineRegistry() {}

    public static Map<String, Supplier<Engine>> all() {
        return all(1);
    }

    /** @param tlcWorkers TLC's own worker threads per run ({@code --workers}) */
    public static Map<String, Supplier<Engine>> all(int tlcWorkers) {
        Map<String, Supplier<Engine>> m = new LinkedHashMap<>();
        m.put("traces", () -> new TracesEngine(new ReferenceRunner()));
        // The generic core (models/tla/core) is the only TLA+ model: the old hand-written one is gone.
        m.put("tlc", () -> new CoreEngine(tlcWorkers));
        m.put("alloy", AlloyEngine::new);
        return m;
    }
}
