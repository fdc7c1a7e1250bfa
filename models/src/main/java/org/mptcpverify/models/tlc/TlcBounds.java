package org.mptcpverify.models.tlc;

import java.util.List;
import java.util.stream.IntStream;

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
        return of(2, 2, 6, 2);
    }

    /** Bounds with {@code spoofs} spoofable addresses named spoof1, spoof2, ... */
    public static TlcBounds of(int maxJoins, int maxAttacks, int maxNonces, int spoofs) {
        return new TlcBounds(maxJoins, maxAttacks, maxNonces,
                IntStream.rangeClosed(1, spoofs).mapToObj(i -> "spoof" + i).toList());
    }
}
