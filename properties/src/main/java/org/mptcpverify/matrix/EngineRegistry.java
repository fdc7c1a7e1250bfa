package org.mptcpverify.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.alloy.AlloyEngine;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.traces.TracesEngine;

/** The deciding engines by name, in the matrix's column order. */
public final class EngineRegistry {
    /** System property choosing the model behind {@code alloy}: "core" (models/alloy/core) or "old" (mptcp.als). */
    public static final String ALLOY_MODEL = "mptcp.alloy";

    private EngineRegistry() {}

    /** The {@code alloy} engine on the model {@link #ALLOY_MODEL} names (the old one unless it says "core"). */
    static Engine alloy() {
        String model = System.getProperty(ALLOY_MODEL, "old");
        return switch (model) {
            case "core" -> new AlloyCoreEngine();
            case "old" -> new AlloyEngine();
            default -> throw new IllegalArgumentException("-D" + ALLOY_MODEL + ": core or old, got '" + model + "'");
        };
    }

    public static Map<String, Supplier<Engine>> all() {
        return all(1);
    }

    /** @param tlcWorkers TLC's own worker threads per run ({@code --workers}) */
    public static Map<String, Supplier<Engine>> all(int tlcWorkers) {
        Map<String, Supplier<Engine>> m = new LinkedHashMap<>();
        m.put("traces", () -> new TracesEngine(new ReferenceRunner()));
        // The generic core (models/tla/core) is the only TLA+ model: the old hand-written one is gone.
        m.put("tlc", () -> new CoreEngine(tlcWorkers));
        m.put("alloy", EngineRegistry::alloy);
        return m;
    }
}
