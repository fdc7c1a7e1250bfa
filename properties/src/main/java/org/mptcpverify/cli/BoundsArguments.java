package org.mptcpverify.cli;

import java.util.List;
import java.util.Map;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.BoundsException;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * {@code --bounds KEY=N[,KEY=N...]}: parsed, then checked against every selected engine and cell
 * before any work starts, so a bound nobody can honour is exit 2 with one line, never ignored.
 */
public final class BoundsArguments {
    public static final String DESCRIPTION = "Bounds as KEY=N[,KEY=N...]: connections, clients, joins, injections, steps, "
            + "or an engine's own key (tlc: rewrites, halfopen, cookies; alloy: states; traces: tries), plain for every selected "
            + "engine or qualified as ENGINE.KEY for one. Unset keys keep each engine's defaults.";

    private BoundsArguments() {}

    /** The user's bounds, or {@link Bounds#NONE} when the option was not given. */
    public static Bounds parse(String text) {
        if (text == null) return Bounds.NONE;
        try {
            return Bounds.parse(text);
        } catch (BoundsException e) {
            throw new UserInputException("--bounds: " + e.getMessage());
        }
    }

    /**
     * Resolves {@code requested} for every engine and cell, failing on the first bound an engine
     * cannot honour or a qualifier naming an engine that is not selected.
     */
    public static void requireHonoured(Map<String, Engine> engines, List<SchemeId> schemes, List<AttackId> attacks,
                                Bounds requested) {
        for (String key : requested.values().keySet()) {
            String q = Bounds.qualifier(key);
            if (q != null && !engines.containsKey(q)) {
                throw new UserInputException("--bounds " + key + ": the " + q + " engine is not selected (selected: "
                        + String.join(", ", engines.keySet()) + ")");
            }
        }
        engines.forEach((name, engine) -> {
            for (SchemeId s : schemes) {
                for (AttackId a : attacks) {
                    try {
                        engine.resolve(s, a, requested.forEngine(name));
                    } catch (BoundsException e) {
                        throw new UserInputException("--bounds: " + e.getMessage());
                    }
                }
            }
        });
    }

    /**
     * {@code --tries N} is the traces engine's {@code tries} bound under its older name; giving
     * both is ambiguous.
     */
    public static void requireNoTriesConflict(boolean triesOptionGiven, Bounds requested) {
        if (triesOptionGiven && requested.forEngine("traces").get("tries").isPresent()) {
            throw new UserInputException("--tries and --bounds tries=... both given; give one");
        }
    }
}
