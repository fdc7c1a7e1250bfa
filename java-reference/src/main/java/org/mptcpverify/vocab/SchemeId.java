package org.mptcpverify.vocab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every authentication scheme under test, by the name it carries in every engine, the CLI,
 * the JSON output and the docs. Variants of a draft reading are separate values named
 * {@code design/reading}. {@link #BROKEN} is the negative control: it must fail every property.
 */
public enum SchemeId {
    RFC6824("rfc6824", false),
    RFC8684("rfc8684", false),
    THESIS_XOR_GLOBAL("thesis-xor-global", true),
    THESIS_XOR("thesis-xor", true),
    DRAFT_PAASCH("draft-paasch", true),
    DRAFT_PAASCH_UNSIGNALLED("draft-paasch/unsignalled", true),
    DRAFT_BAERTS("draft-baerts", true),
    DRAFT_BAERTS_LOW_ORDER("draft-baerts/low-order", true),
    BOUND_KEY("bound-key", true),
    BROKEN("broken", true),
    /** Kim &amp; Choi 2016: Diffie-Hellman in MP_CAPABLE (X25519 reading); not in TLA+/Alloy yet (issue 13). */
    ECDH("ecdh", false, true, false),
    /** draft-bonaventure-mptcp-tls-00: keys from the TLS handshake (an X25519 exchange in our reading); not in TLA+/Alloy yet. */
    MPTLS("mptls", false, true, false);

    private final String wireName;
    private final boolean usesExternalKey;
    private final boolean agreesKey;
    private final boolean modelled;

    SchemeId(String wireName, boolean usesExternalKey) {
        this(wireName, usesExternalKey, false, true);
    }

    SchemeId(String wireName, boolean usesExternalKey, boolean agreesKey, boolean modelled) {
        this.wireName = wireName;
        this.usesExternalKey = usesExternalKey;
        this.agreesKey = agreesKey;
        this.modelled = modelled;
    }

    /** The shared name, e.g. {@code draft-baerts/low-order}. */
    public String wireName() {
        return wireName;
    }

    /** Whether the scheme authenticates with an application-supplied external key. */
    public boolean usesExternalKey() {
        return usesExternalKey;
    }

    /**
     * Whether the connection's secret comes from a Diffie-Hellman agreement on the wire: its key
     * control hands the attacker the endpoints' private values instead of an external key.
     */
    public boolean agreesKey() {
        return agreesKey;
    }

    /** Whether the attacker-given-the-key control applies: a scheme with an external or an agreed secret. */
    public boolean hasKeyControl() {
        return usesExternalKey || agreesKey;
    }

    /** Whether the TLA+ and Alloy models have this scheme (the `traces` engine runs every scheme). */
    public boolean modelled() {
        return modelled;
    }

    /** The schemes the TLA+ and Alloy models have: every scheme but the rows not modelled yet. */
    public static List<SchemeId> modelledSchemes() {
        return Arrays.stream(values()).filter(SchemeId::modelled).toList();
    }

    /** The schemes of the verdict matrix: every modelled scheme except the negative control. */
    public static List<SchemeId> matrixSchemes() {
        return Arrays.stream(values()).filter(s -> s != BROKEN && s.modelled).toList();
    }

    public static Optional<SchemeId> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
