package org.mptcpverify.models.tlc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The TLC configuration of every matrix cell, as {@link TlcEngine} first runs it (all of the
 * cell's invariants), under a file name that says the cell: {@code MC_<scheme>_<attack>[_<side>].cfg}
 * with {@code /} in a scheme name written {@code -}. Committed under models/tla/mc/ so a reader
 * finds every cell by file name and can run TLC on it by hand.
 */
public final class TlcConfigurations {
    private TlcConfigurations() {}

    /** File name to content, in matrix order; NOT_APPLICABLE cells have no configuration. */
    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemeId s : SchemeId.matrixSchemes()) {
            for (AttackId a : AttackId.matrixAttacks()) out.putAll(of(s, a));
        }
        return out;
    }

    /** One cell's configurations (one per keyed side where the attack has sides; none if NOT_APPLICABLE). */
    public static Map<String, String> of(SchemeId s, AttackId a) {
        Map<String, String> out = new LinkedHashMap<>();
        List<PropertyId> props = a.applicableProperties(s);
        if (props.isEmpty()) return out;
        for (String side : TlcEngine.keyedSides(a)) {
            String name = "MC_" + s.wireName().replace('/', '-') + "_" + a.wireName()
                    + (side == null ? "" : "_" + side) + ".cfg";
            out.put(name, CfgWriter.render(new TlcCheck(s, a, side, false, props, TlcBounds.standard())));
        }
        return out;
    }
}
