package org.mptcpverify.vocab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An authentication scheme under test, by the name it carries in every engine, the CLI, the JSON
 * output and the docs. A scheme's identity is its name: two ids are equal exactly when their names
 * are. The built-in schemes are the constants below ({@link #values()}); variants of a draft
 * reading are separate schemes named {@code design/reading}. {@link #BROKEN} is the negative
 * control: it must fail every property.
 *
 * <p>A scheme that exists only as a definition file (docs/scheme-definitions.md, a user's design or
 * a mutant {@code <scheme>~<mutation>}) gets its id from {@link #defined}: it runs on the reference
 * and in the traces engine under its own name, and is not in the TLA+/Alloy models.
 */
public final class SchemeId implements Comparable<SchemeId> {
    public static final SchemeId RFC6824 = builtIn(0, "rfc6824", false, false, true);
    public static final SchemeId RFC8684 = builtIn(1, "rfc8684", false, false, true);
    public static final SchemeId THESIS_XOR_GLOBAL = builtIn(2, "thesis-xor-global", true, false, true);
    public static final SchemeId THESIS_XOR = builtIn(3, "thesis-xor", true, false, true);
    public static final SchemeId DRAFT_PAASCH = builtIn(4, "draft-paasch", true, false, true);
    public static final SchemeId DRAFT_PAASCH_UNSIGNALLED = builtIn(5, "draft-paasch/unsignalled", true, false, true);
    public static final SchemeId DRAFT_BAERTS = builtIn(6, "draft-baerts", true, false, true);
    public static final SchemeId DRAFT_BAERTS_LOW_ORDER = builtIn(7, "draft-baerts/low-order", true, false, true);
    public static final SchemeId BOUND_KEY = builtIn(8, "bound-key", true, false, true);
    public static final SchemeId BROKEN = builtIn(9, "broken", true, false, true);
    /** Kim &amp; Choi 2016: Diffie-Hellman in MP_CAPABLE (X25519 reading); in the generic TLA+ core, not in Alloy yet (issue 13). */
    public static final SchemeId ECDH = builtIn(10, "ecdh", false, true, false);
    /** draft-bonaventure-mptcp-tls-00: keys from the TLS handshake (an X25519 exchange in our reading); in the generic TLA+ core, not in Alloy yet. */
    public static final SchemeId MPTLS = builtIn(11, "mptls", false, true, false);
    /**
     * The thesis's per-socket scheme with the key XORed in an x86 kernel's byte order (docs/schemes.md,
     * "Token byte order"); on the reference and the traces engine only (the models have one byte order).
     */
    public static final SchemeId THESIS_XOR_LE = builtIn(12, "thesis-xor/le", true, false, false);
    /** thesis-xor-global in an x86 kernel's byte order; traces engine only. */
    public static final SchemeId THESIS_XOR_GLOBAL_LE = builtIn(13, "thesis-xor-global/le", true, false, false);

    /**
     * MPTCPsec (Jadin et al., INFOCOM 2017), our tcpcrypt reading (docs/schemes.md, mptcpsec): keys from
     * an X25519 exchange after the handshake; in the generic TLA+ core (session 9), not in Alloy yet.
     */
    public static final SchemeId MPTCPSEC = builtIn(14, "mptcpsec", false, true, false);

    private static final List<SchemeId> BUILT_IN = List.of(RFC6824, RFC8684, THESIS_XOR_GLOBAL, THESIS_XOR,
            DRAFT_PAASCH, DRAFT_PAASCH_UNSIGNALLED, DRAFT_BAERTS, DRAFT_BAERTS_LOW_ORDER, BOUND_KEY, BROKEN, ECDH, MPTLS,
            THESIS_XOR_LE, THESIS_XOR_GLOBAL_LE, MPTCPSEC);

    /**
     * A defined scheme's name: path-like segments of lower-case letters, digits and '-', separated by
     * '/', optionally followed by {@code ~mutation} (dots allowed there). It becomes a folder path of
     * the outputs, so nothing else is allowed.
     */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*(~[a-z0-9][a-z0-9.-]*)?");

    private final int ordinal;
    private final String wireName;
    private final boolean usesExternalKey;
    private final boolean agreesKey;
    private final boolean modelled;

    private SchemeId(int ordinal, String wireName, boolean usesExternalKey, boolean agreesKey, boolean modelled) {
        this.ordinal = ordinal;
        this.wireName = wireName;
        this.usesExternalKey = usesExternalKey;
        this.agreesKey = agreesKey;
        this.modelled = modelled;
    }

    private static SchemeId builtIn(int ordinal, String name, boolean usesExternalKey, boolean agreesKey, boolean modelled) {
        return new SchemeId(ordinal, name, usesExternalKey, agreesKey, modelled);
    }

    /**
     * The id of a scheme known only by its definition: the built-in of that name if there is one
     * (the caller checks that the definition is the built-in's), else a new scheme that no model has.
     *
     * @throws IllegalArgumentException when the name is not a valid scheme name
     */
    public static SchemeId defined(String name, boolean usesExternalKey, boolean agreesKey) {
        Optional<SchemeId> b = byName(name);
        if (b.isPresent()) {
            return b.get();
        }
        if (!validName(name)) {
            throw new IllegalArgumentException("scheme name '" + name + "' is not lower-case words joined by '-' and '/' (optionally ~mutation)");
        }
        return new SchemeId(BUILT_IN.size(), name, usesExternalKey, agreesKey, false);
    }

    /** Whether {@code name} may name a defined scheme (see {@link #NAME}). */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The shared name, e.g. {@code draft-baerts/low-order}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this is one of the built-in schemes (hand-written on the reference, in {@link #values()}). */
    public boolean builtIn() {
        return ordinal < BUILT_IN.size() && BUILT_IN.get(ordinal) == this;
    }

    /** Position among the built-ins; every defined scheme comes after them. */
    public int ordinal() {
        return ordinal;
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

    /**
     * Whether the generic TLA+ core (the tlc engine) has this scheme: every modelled scheme, and the
     * Diffie-Hellman rows (issue 13), which its term algebra has and the Alloy models do not yet.
     */
    public boolean inTlaCore() {
        return modelled || this == ECDH || this == MPTLS || this == MPTCPSEC;
    }

    /** The schemes the generic TLA+ core has ({@link #inTlaCore}), in vocabulary order. */
    public static List<SchemeId> tlaCoreSchemes() {
        return BUILT_IN.stream().filter(SchemeId::inTlaCore).toList();
    }

    /** The built-in schemes, in vocabulary order. */
    public static SchemeId[] values() {
        return BUILT_IN.toArray(SchemeId[]::new);
    }

    /** The schemes the TLA+ and Alloy models have: every scheme but the rows not modelled yet. */
    public static List<SchemeId> modelledSchemes() {
        return BUILT_IN.stream().filter(SchemeId::modelled).toList();
    }

    /** The schemes of the verdict matrix: every modelled scheme except the negative control. */
    public static List<SchemeId> matrixSchemes() {
        return BUILT_IN.stream().filter(s -> s != BROKEN && s.modelled).toList();
    }

    /** The built-in scheme of this name. */
    public static Optional<SchemeId> byName(String name) {
        return BUILT_IN.stream().filter(s -> s.wireName.equals(name)).findFirst();
    }

    /** Built-ins in vocabulary order, then defined schemes by name. */
    @Override
    public int compareTo(SchemeId o) {
        int c = Integer.compare(ordinal, o.ordinal);
        return c != 0 ? c : wireName.compareTo(o.wireName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemeId s && s.wireName.equals(wireName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
