package org.mptcpverify.models.tlc;

import java.util.List;

/**
 * The bounds of one TLC check, written into its cfg. Each client connects at most once, so
 * connections = clients; every join exchange draws a fresh nonce pair from {@code maxNonces}.
 *
 * @param maxJoins   join exchanges per client (Join, Advertise, RewriteJoin, relayed joins)
 * @param maxAttacks active attacker actions per behaviour
 * @param maxNonces  fresh nonce pairs shared by every join exchange of a behaviour
 * @param spoofs     source addresses SpoofJoinSyn may spoof
 */
public record TlcBounds(int maxJoins, int maxAttacks, int maxNonces, List<String> spoofs) {
    /**
     * The bounds of the checked column. Two joins per client reach the half-open limit and a
     * second ticket; two attacker actions let an attack follow another (forge after replay,
     * two spoofed SYNs); six nonce pairs never run out before the join and attack bounds do.
     */
    public static TlcBounds standard() {
        return new TlcBounds(2, 2, 6, List.of("spoof1", "spoof2"));
    }
}
