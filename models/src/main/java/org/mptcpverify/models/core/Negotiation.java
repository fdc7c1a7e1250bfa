package org.mptcpverify.models.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.definition.SchemeDefinition.Mode;
import org.mptcpverify.models.core.SchemeData.KeyPair;
import org.mptcpverify.models.core.SchemeData.Row;

/**
 * The outcome of a definition's mode negotiation (docs/scheme-definitions.md, "Modes") for each
 * key configuration: the modes the two ends run once the MP_CAPABLE handshake is over, or plain
 * TCP. The generic core takes this table as data (it does not inject MP_CAPABLE, so the outcome
 * of an honest handshake is all it needs).
 */
public final class Negotiation {
    private Negotiation() {}

    /** Definition mode names per key configuration ({@link Row#TCP} for plain TCP). */
    public static Map<KeyPair, Row> table(SchemeDefinition def) {
        Map<KeyPair, Row> t = new LinkedHashMap<>();
        for (KeyPair k : KeyPair.ALL) {
            boolean ck = clientHas(def, k);
            boolean sk = serverHas(def, k);
            t.put(k, def.localModes() ? new Row(preferred(def, ck).name(), preferred(def, sk).name())
                    : signalled(def, preferred(def, ck), preferred(def, sk)));
        }
        return t;
    }

    /** Whether the client holds a key in configuration {@code k} (never, for a scheme without one). */
    static boolean clientHas(SchemeDefinition def, KeyPair k) {
        return def.keySource() != null && k.client();
    }

    static boolean serverHas(SchemeDefinition def, KeyPair k) {
        return def.keySource() != null && k.server();
    }

    /** The first non-base mode whose requirement the side meets, else the base mode. */
    static Mode preferred(SchemeDefinition def, boolean hasKey) {
        return def.modes().stream().skip(1).filter(m -> hasKey || !m.requiresKey()).findFirst()
                .orElse(def.baseMode());
    }

    /**
     * The client sends its SYN in mode {@code o}; a receiver whose own mode differs continues in
     * the base mode if its own is the base mode, else as its own mode's mismatch rule says.
     */
    private static Row signalled(SchemeDefinition def, Mode o, Mode p) {
        Mode base = def.baseMode();
        Mode server = answer(o, p, base);
        if (server == null) {
            return new Row(Row.TCP, Row.TCP); // no MP_CAPABLE in the SYN/ACK: the client falls back too
        }
        Mode client = answer(server, o, base);
        if (client == null) {
            return new Row(Row.TCP, Row.TCP); // a third ACK without MP_CAPABLE: the server falls back
        }
        return new Row(client.name(), server.name());
    }

    /** The mode an end configured for {@code own} continues in on a segment of mode {@code got}; null: TCP. */
    private static Mode answer(Mode got, Mode own, Mode base) {
        if (got.equals(own)) {
            return own;
        }
        if (own.equals(base)) {
            return base;
        }
        return own.mismatchTcp() ? null : base;
    }
}
