package org.mptcpverify.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.models.alloy.AlloyEngine;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.models.tlc.TlcEngine;
import org.mptcpverify.traces.TracesEngine;

/** The deciding engines by name, in the matrix's column order. */
public final class EngineRegistry {
    /** System property choosing the model behind {@code tlc}: "core" (models/tla/core) or "old" (MptcpJoin.tla). */
    public static final String TLC_MODEL = "mptcp.tlc";

    private EngineRegistry() {}

    /** The {@code tlc} engine on the model {@link #TLC_MODEL} names (the old one unless it says "core"). */
    static Engine tlc(int workers) {
        String model = System.getProperty(TLC_MODEL, "old");
        return switch (model) {
            case "core" -> new CoreEngine(workers);
            case "old" -> new TlcEngine(workers);
            default -> throw new IllegalArgumentException("-D" + TLC_MODEL + ": core or old, got '" + model + "'");
        };
    }

    public static Map<String, Supplier<Engine>> all() {
        return all(1);
    }

    /** @param tlcWorkers TLC's own worker threads per run ({@code --workers}) */
    public static Map<String, Supplier<Engine>> all(int tlcWorkers) {
        Map<String, Supplier<Engine>> m = new LinkedHashMap<>();
        m.put("traces", () -> new TracesEngine());
        m.put("tlc", () -> tlc(tlcWorkers));
        m.put("alloy", AlloyEngine::new);
        return m;
    }
}
