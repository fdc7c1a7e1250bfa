package org.mptcpverify.models.alloy;

import org.mptcpverify.vocab.AttackId;

/**
 * The explicit scope of an Alloy generic-core cell. Population and attacker bounds match the
 * TLA+ generic core's {@code CoreBounds.standard}; {@code steps} is the trace length in states
 * (Alloy 6 {@code steps}: every trace of at most that many states, each transition one segment
 * sent or received or one attacker action), and the atom counts bound what a trace can create.
 *
 * @param clients    1, or 2 under two-keys-one-host (one connection each)
 * @param joins      joins each client starts
 * @param injections segments the attacker originates (forged or replayed)
 * @param rewrites   in-flight segments an on-path attacker drops or rewrites
 * @param steps      states of a trace
 * @param terms      Term atoms in all (constants included)
 * @param compound   atoms of each compound constructor (App, Hmac, Cat)
 * @param xors       XOR sums (0: none of the covered schemes builds one)
 */
public record AlloyCoreScope(int clients, int joins, int injections, int rewrites, int steps, int terms,
                             int compound, int xors) {

    /** The defaults: the smallest that fit the shortest attack of each profile (docs/models.md). */
    public static AlloyCoreScope standard(AttackId attack) {
        return switch (attack) {
            case TWO_KEYS_ONE_HOST -> new AlloyCoreScope(2, 1, 0, 0, 19, 70, 14, 0);
            case LEGIT_JOIN, NAT_JOIN, ONE_SIDED_KEY -> new AlloyCoreScope(1, 2, 0, 0, 14, 60, 12, 0);
            case SYN_JOIN_REWRITE -> new AlloyCoreScope(1, 1, 1, 2, 13, 60, 10, 0);
            default -> new AlloyCoreScope(1, 1, 2, 0, 10, 60, 10, 0);
        };
    }

    /** Segments: each step creates at most one. Nonces: two per connection, one per join end. */
    int segments() {
        return steps;
    }

    int nonces() {
        return clients * 2 + clients * joins * 2 + injections;
    }

    int halfOpen() {
        return clients * joins + injections;
    }

    /** The command scope; {@code profile} is the profile atom that gets exactly 1, every other one 0. */
    String commandScope(AttackId profile) {
        StringBuilder b = new StringBuilder("for 12 but ");
        b.append(terms).append(" Term, ").append(steps).append(" steps, 5 Int, ")
                .append(clients == 2 ? "exactly 1 C2, exactly 1 K2, " : "0 C2, 0 K2, ")
                .append(clients + clients * joins + injections).append(" Sf, exactly ").append(clients).append(" Sf0, exactly ")
                .append(clients * joins).append(" CJ, ").append(injections).append(" ISf, exactly ")
                .append(segments()).append(" Seg, exactly ").append(nonces()).append(" Nonce, exactly ")
                .append(halfOpen()).append(" HS, ").append(injections > 0 ? 2 : 0).append(" XAtom, ")
                .append(compound).append(" App, ").append(compound).append(" Hmac, ").append(compound).append(" Cat, ")
                .append(xors).append(" Xor");
        for (AttackId a : AttackId.matrixAttacks()) { // the Alloy core has no profile atom of the others yet
            b.append(a == profile ? ", exactly 1 " : ", 0 ").append(AlloyNames.of(a));
        }
        return b.toString();
    }

}
