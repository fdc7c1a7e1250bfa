package org.mptcpverify.matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.alloy.AlloyEngine;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.traces.TracesEngine;

/** The deciding engines by name, in the matrix's column order. */
public final class EngineRegistry {
    /**
     * System property choosing the model behind {@code alloy}: "core" (models/alloy/core) or
     * "legacy" (mptcp.als; "old" is the same).
     */
    public static final String ALLOY_MODEL = "mptcp.alloy";
    /** The model behind {@code alloy} when {@link #ALLOY_MODEL} is not set. */
    static final String ALLOY_DEFAULT = "legacy";

    private EngineRegistry() {}

    /** The {@code alloy} engine on the model {@link #ALLOY_MODEL} names. */
    static Engine alloy() {
        return alloyIsCore() ? new AlloyCoreEngine() : new AlloyEngine();
    }

    /**
     * Whether {@code alloy} is the Alloy generic core (whose verdicts results commits with their
     * fingerprints) rather than the legacy mptcp.als.
     *
     * @throws IllegalArgumentException for a model name that is neither
     */
    public static boolean alloyIsCore() {
        String model = System.getProperty(ALLOY_MODEL, ALLOY_DEFAULT);
        return switch (model) {
            case "core" -> true;
            case "legacy", "old" -> false;
            default -> throw new IllegalArgumentException("-D" + ALLOY_MODEL + ": core or legacy, got '" + model + "'");
        };
    }

    public static Map<String, Supplier<Engine>> all() {
        return all(1);
    }

    /** @param tlcWorkers TLC's own worker threads per run ({@code --workers}) */
    public static Map<String, Supplier<Engine>> all(int tlcWorkers) {
        Map<String, Supplier<Engine>> m = new LinkedHashMap<>();
        m.put("traces", () -> new TracesEngine());
        // The generic core (models/tla/core) is the only TLA+ model: the old hand-written one is gone.
        m.put("tlc", () -> new CoreEngine(tlcWorkers));
        m.put("alloy", EngineRegistry::alloy);
        return m;
    }
}
