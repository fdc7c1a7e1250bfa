package org.mptcpverify.vocab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The attacks and scenarios of the matrix columns, each with the properties it checks.
 * Capabilities are specified in docs/threat-model.md; every engine implements exactly those.
 */
public enum AttackId {
    EAVESDROP_HANDSHAKE("eavesdrop-handshake", List.of(PropertyId.JOIN_AUTHENTICITY)),
    EAVESDROP_ALL("eavesdrop-all", List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.EXTERNAL_KEY_SECRECY)),
    SYN_JOIN_REWRITE("syn-join-rewrite", List.of(PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY, PropertyId.JOIN_ANSWER_AUTHENTICITY)),
    JOIN_DOS("join-dos", List.of(PropertyId.JOIN_STATE_UNFORGEABLE)),
    ADD_ADDR_MITM("add-addr-mitm", List.of(PropertyId.ADDR_AUTHENTICITY, PropertyId.JOIN_ANSWER_AUTHENTICITY)),
    FASTCLOSE_FORGE("fastclose-forge", List.of(PropertyId.CLOSE_AUTHENTICITY)),
    LEGIT_JOIN("legit-join", List.of(PropertyId.LEGIT_JOIN_SUCCEEDS)),
    NAT_JOIN("nat-join", List.of(PropertyId.LEGIT_JOIN_SUCCEEDS)),
    ONE_SIDED_KEY("one-sided-key", List.of(PropertyId.CLEAN_FALLBACK)),
    TWO_KEYS_ONE_HOST("two-keys-one-host", List.of(PropertyId.KEY_ISOLATION)),
    // issue 13: path-manager options RFC 8684 leaves unauthenticated; traces engine and generic core only
    REMOVE_ADDR_FORGE("remove-addr-forge", List.of(PropertyId.PATH_MANAGER_INTEGRITY), false),
    MP_PRIO_FORGE("mp-prio-forge", List.of(PropertyId.PATH_MANAGER_INTEGRITY), false),
    // issue 13: an attacker active on p1 during the MP_CAPABLE handshake; traces engine and generic core
    HANDSHAKE_DOWNGRADE("handshake-downgrade", List.of(PropertyId.DOWNGRADE_RESISTANCE), false),
    HANDSHAKE_MITM("handshake-mitm", List.of(PropertyId.JOIN_AUTHENTICITY), false),
    // issue 13: ADD_ADDR's HMAC has no nonce, so an observed one stays valid after a REMOVE_ADDR
    ADD_ADDR_REPLAY("add-addr-replay", List.of(PropertyId.ADDR_AUTHENTICITY), false),
    // thesis 2.2.3, RFC 7430: SYN + MP_JOIN for the attacker's own connection from spoofed sources
    SYN_FLOOD_AMPLIFICATION("syn-flood-amplification", List.of(PropertyId.JOIN_STATE_BOUNDED), false),
    // issue 13: a legitimate client (its own connection c2) attacking c1's connection; the same
    // application's (it holds K1) or another application's (K2), reading c1's handshake; and the
    // same application's off path (it reads its own connection only); traces engine and generic core
    INSIDER("insider", List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.JOIN_STATE_UNFORGEABLE), false),
    INSIDER_OTHER_APP("insider-other-app", List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.JOIN_STATE_UNFORGEABLE), false),
    INSIDER_BLIND("insider-blind", List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.JOIN_STATE_UNFORGEABLE), false);

    private final String wireName;
    private final List<PropertyId> properties;
    private final boolean modelled;

    AttackId(String wireName, List<PropertyId> properties) {
        this(wireName, properties, true);
    }

    AttackId(String wireName, List<PropertyId> properties, boolean modelled) {
        this.wireName = wireName;
        this.properties = properties;
        this.modelled = modelled;
    }

    /**
     * Whether the matrix's {@code tlc} and {@code alloy} engines (models/tla/core/MptcpCore.tla,
     * models/alloy/mptcp.als) have this column; the {@code traces} engine runs every column.
     */
    public boolean modelled() {
        return modelled;
    }

    /**
     * Whether the action vocabulary (docs/threat-model.md "Actions": the old Alloy model's and its
     * exchange-level counterexamples'; once the traces engine's per-attack generators') has this column. The issue-13 columns have no action: what their
     * attacker does is segment-level (strip or edit an MP_CAPABLE option in flight, answer in an
     * end's place, copy a delivered ADD_ADDR, send join SYNs from spoofed sources for its own
     * connection), so the generic segment-level attacker decides them.
     */
    public boolean actionLevel() {
        return switch (this) {
            case HANDSHAKE_DOWNGRADE, HANDSHAKE_MITM, ADD_ADDR_REPLAY, SYN_FLOOD_AMPLIFICATION, INSIDER, INSIDER_OTHER_APP,
                 INSIDER_BLIND -> false;
            default -> true;
        };
    }

    /**
     * Whether the generic TLA+ core (models/tla/core, MptcpCore.tla {@code Profiles}) has this
     * column's attacker profile: every column (the handshake columns since issue 13's handshake
     * attacker: MptcpCore.tla Strip, ClearSig, Drop on p1; the insider columns: MptcpCore.tla
     * {@code InsiderProfiles}).
     */
    public boolean inTlaCore() {
        return true;
    }

    /**
     * The population client whose connection is the insider's own (it is that client: it reads
     * all of it, and holds its application's key), or empty when the attacker is no client.
     */
    public Optional<String> insiderClient() {
        return this == INSIDER || this == INSIDER_OTHER_APP || this == INSIDER_BLIND ? Optional.of("c2") : Optional.empty();
    }

    /**
     * The external key (K1 or K2) a client of the population holds: c2 shares K1 only under the
     * same-application insiders ({@code insider}, {@code insider-blind}).
     */
    public String keyOf(String client) {
        return client.equals("c1") || this == INSIDER || this == INSIDER_BLIND ? "K1" : "K2";
    }

    /** The columns of the default matrix: those every engine of it models. */
    public static List<AttackId> matrixAttacks() {
        return Arrays.stream(values()).filter(AttackId::modelled).toList();
    }

    public String wireName() {
        return wireName;
    }

    /** The properties this attack or scenario checks. */
    public List<PropertyId> properties() {
        return properties;
    }

    /**
     * The applicable properties the generic TLA+ core and the Alloy models judge
     * ({@link PropertyId#inModels}): the traces engine judges every applicable property.
     */
    public List<PropertyId> modelledProperties(SchemeId scheme) {
        return applicableProperties(scheme).stream().filter(PropertyId::inModels).toList();
    }

    /** The applicable properties the generic TLA+ core judges ({@link PropertyId#inTlaCore}). */
    public List<PropertyId> tlaCoreProperties(SchemeId scheme) {
        return applicableProperties(scheme).stream().filter(PropertyId::inTlaCore).toList();
    }

    /** The properties of this attack that apply to the scheme; empty means NOT_APPLICABLE. */
    public List<PropertyId> applicableProperties(SchemeId scheme) {
        return properties.stream().filter(p -> p.appliesTo(scheme)).toList();
    }

    /**
     * Whether the attack has an attacker at all. Without one (functional properties: a legitimate
     * join succeeds, a fallback is clean, keys stay apart) a HOLDS needs no attacker-activity
     * witness and can never be VACUOUS.
     */
    public boolean hasAttacker() {
        return switch (this) {
            case LEGIT_JOIN, NAT_JOIN, ONE_SIDED_KEY, TWO_KEYS_ONE_HOST -> false;
            default -> true;
        };
    }

    public static Optional<AttackId> byName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
