package org.mptcpverify.models.alloy;

import java.util.Map;
import org.mptcpverify.vocab.AttackId;

/**
 * The explicit scope of an Alloy generic-core cell. Population and attacker bounds match the
 * TLA+ generic core's {@code CoreBounds.standard}; {@code steps} is the trace length in states
 * (Alloy 6 {@code exactly steps}: lasso traces of that many states, each transition one segment
 * sent or received or one attacker action). The term universe is not a scope the solver fills
 * but the cell's generated dag ({@link AlloyTermDag}), grounded for {@link #population()}; its
 * exact atom counts go into the command scope.
 *
 * @param clients    1, or 2 under two-keys-one-host (one connection each)
 * @param joins      joins each client starts
 * @param injections segments the attacker originates (forged or replayed)
 * @param rewrites   in-flight segments an on-path attacker drops or rewrites
 * @param steps      states of a trace
 */
public record AlloyCoreScope(int clients, int joins, int injections, int rewrites, int steps) {

    /** The defaults: the smallest that fit the shortest attack of each profile (docs/models.md). */
    public static AlloyCoreScope standard(AttackId attack) {
        return switch (attack) {
            case TWO_KEYS_ONE_HOST -> new AlloyCoreScope(2, 1, 0, 0, 19);
            case LEGIT_JOIN, NAT_JOIN, ONE_SIDED_KEY -> new AlloyCoreScope(1, 2, 0, 0, 14);
            case SYN_JOIN_REWRITE -> new AlloyCoreScope(1, 1, 1, 2, 13);
            // the generic TLA+ core's injections (CoreBounds.standard, session 8: three segments of
            // the attack on thesis-xor, a forged ADD_ADDR, a copy of the client's join SYN to x.a,
            // its third ACK) and the states that attack takes in this core: 12 transitions
            // (handshake 5, ADD_ADDR forged and received 2, the client's join SYN, the copy, the
            // server's SYN/ACK, the forged third ACK and its delivery 5)
            case EAVESDROP_HANDSHAKE -> new AlloyCoreScope(1, 1, 3, 0, 13);
            default -> new AlloyCoreScope(1, 1, 2, 0, 10);
        };
    }

    /**
     * The defaults for a scheme: {@link #standard(AttackId)} plus, per client, two segment events
     * (sent, delivered) for each key-agreement message of the scheme's longest mode. The defaults
     * were sized on rows whose joins may start right after the handshake; a row whose joins wait
     * for a key agreement (draft-baerts's NEW_KEY A->B and B->A: four events) would otherwise leave
     * its attacker four steps fewer for the same attack (session 13: draft-baerts /
     * syn-join-rewrite HOLDS at 13 states, while tlc's counterexample has four events more than
     * draft-paasch's, which the same 13 states find).
     */
    public static AlloyCoreScope standard(AttackId attack, org.mptcpverify.models.core.SchemeData scheme) {
        AlloyCoreScope s = standard(attack);
        return s.withSteps(s.steps() + s.clients() * 2 * keyAgreementMessages(scheme));
    }

    /** The most key-agreement messages any mode of the scheme sends (0 for a scheme without a key agreement). */
    static int keyAgreementMessages(org.mptcpverify.models.core.SchemeData scheme) {
        int most = 0;
        for (var mode : scheme.modes().values()) {
            int n = (int) mode.keySet().stream().filter(m -> m.phase == org.mptcpverify.definition.Phase.KEY_AGREEMENT).count();
            most = Math.max(most, n);
        }
        return most;
    }

    /** The same scope with {@code steps} states per trace ({@code --bounds steps=N}). */
    public AlloyCoreScope withSteps(int n) {
        return new AlloyCoreScope(clients, joins, injections, rewrites, n);
    }

    /** Segments: each step creates at most one. */
    int segments() {
        return steps;
    }

    int halfOpen() {
        return clients * joins + injections;
    }

    /**
     * What the term universe is grounded for: one attacker atom when it injects (it stands for
     * any value the attacker chooses freely; every field of every forged segment may carry it).
     */
    public AlloyTermDag.Population population() {
        return new AlloyTermDag.Population(clients, joins, halfOpen(), injections > 0 ? 1 : 0);
    }

    /**
     * Integer bit width: the largest number the core compares is a count of at most 7 join
     * indices, the lookup's window (at most 4), or a bound (injections, rewrites, join states);
     * no wider, since every Int atom widens the universe and a temporal arity-3 relation must
     * stay within Kodkod's capacity (universe^4 below 2^31; measured: docs/models.md).
     */
    int intBits() {
        int max = Math.max(7, Math.max(Math.max(injections, rewrites), halfOpen()));
        return 33 - Integer.numberOfLeadingZeros(max);
    }

    /**
     * The command scope; {@code profile} is the profile atom that gets exactly 1, every other one
     * 0; {@code terms} the dag's exact atom count per term sig.
     */
    String commandScope(AttackId profile, Map<String, Integer> terms) {
        return commandScope(profile, terms, 0);
    }

    /**
     * As {@link #commandScope(AttackId, Map)}; {@code slotNames}: the scheme's slot names, for the
     * exact number of (client, slot) and (join, slot) atoms (CS, JS in core.als) that hold the slots
     * as binary var relations.
     */
    String commandScope(AttackId profile, Map<String, Integer> terms, int slotNames) {
        StringBuilder b = new StringBuilder("for 12 but ");
        for (Map.Entry<String, Integer> t : terms.entrySet()) {
            b.append("exactly ").append(t.getValue()).append(' ').append(t.getKey()).append(", ");
        }
        // exactly: one translation at the full length instead of one per length 1..steps (Pardinus'
        // bounded engine translates each); a shorter behaviour is the same trace ending in
        // stutters, the last state looping to itself, so nothing shorter is lost
        b.append("exactly ").append(steps).append(" steps, ").append(intBits()).append(" Int, ")
                .append(clients == 2 ? "exactly 1 C2, " : "0 C2, ")
                .append(clients + clients * joins + injections).append(" Sf, exactly ").append(clients).append(" Sf0, exactly ")
                .append(clients * joins).append(" CJ, ").append(injections).append(" ISf, exactly ")
                .append(segments()).append(" Seg, exactly ").append(halfOpen()).append(" HS, exactly ")
                .append(clients * slotNames).append(" CS, exactly ").append(clients * joins * slotNames).append(" JS");
        for (AttackId a : AttackId.matrixAttacks()) { // the Alloy core has no profile atom of the others yet
            b.append(a == profile ? ", exactly 1 " : ", 0 ").append(AlloyNames.of(a));
        }
        return b.toString();
    }

}
