package org.mptcpverify.models.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpverify.vocab.AttackId;

/**
 * The population and attacker bounds of one generic-core cell (constants of MptcpCore.tla).
 *
 * @param apps          applications on the server, each with its own external key
 * @param clientsPerApp clients of each application, sharing its key
 * @param connsPerClient connections each client opens
 * @param joins         joins each connection's client starts
 * @param injections    segments the attacker originates (forged or replayed)
 * @param rewrites      in-flight segments an on-path attacker drops or rewrites
 * @param lossy         the network may lose segments
 * @param attackerPeer  the attacker also holds its own MPTCP connection to the server
 * @param serverHalfOpen the server's half-open join limit per connection, a scheme-independent
 *                      server option (MptcpCore.tla ServerHalfOpenLimit); 0: the scheme definition's
 * @param joinCookies   the server answers every SYN + MP_JOIN with a SYN cookie and keeps no
 *                      request socket (MptcpCore.tla JoinCookies; Linux: net.ipv4.tcp_syncookies=2)
 */
public record CoreBounds(int apps, int clientsPerApp, int connsPerClient, int joins, int injections,
                         int rewrites, boolean lossy, boolean attackerPeer, int serverHalfOpen, boolean joinCookies) {
    /** Bounds with the server's default options: the scheme's half-open limit, no SYN cookies. */
    public CoreBounds(int apps, int clientsPerApp, int connsPerClient, int joins, int injections,
                      int rewrites, boolean lossy, boolean attackerPeer) {
        this(apps, clientsPerApp, connsPerClient, joins, injections, rewrites, lossy, attackerPeer, 0, false);
    }

    /**
     * The default bounds of a profile: the smallest that give every attack of the old core's
     * vocabulary room (a forged join needs two injected segments, a relayed join one injection
     * and two rewrites), kept small so a cell is checked in seconds.
     */
    public static CoreBounds standard(AttackId attack) {
        return switch (attack) {
            case SYN_JOIN_REWRITE -> new CoreBounds(1, 1, 1, 1, 1, 2, false, false);
            case LEGIT_JOIN, NAT_JOIN, ONE_SIDED_KEY -> new CoreBounds(1, 1, 1, 2, 0, 0, false, false);
            case TWO_KEYS_ONE_HOST -> new CoreBounds(2, 1, 1, 1, 0, 0, false, false);
            // AddrAuthenticity is about addresses, not joins: no join, one copy of the ADD_ADDR
            case ADD_ADDR_REPLAY -> new CoreBounds(1, 1, 1, 0, 1, 0, false, false);
            // JoinStateBounded is about the attacker's joins on its own connection: no honest join
            case SYN_FLOOD_AMPLIFICATION -> new CoreBounds(1, 1, 1, 0, 2, 0, false, false);
            // issue 13: two handshake edits (a signal cleared, or an option stripped, each way);
            // the downgrader injects nothing (joining the downgraded connection is handshake-mitm's)
            case HANDSHAKE_DOWNGRADE -> new CoreBounds(1, 1, 1, 0, 0, 2, false, false);
            // the man in the middle then injects what eavesdrop-handshake does: three segments, the
            // thesis attack (forged ADD_ADDR, the relayed join SYN, its third ACK; thesis-xor HOLDS at
            // 2); session 10 measured every external-key row at 3 (draft-paasch/unsignalled, the
            // dearest, HOLDS after 352,886 distinct states): docs/threat-model.md, "Default bounds"
            case HANDSHAKE_MITM -> new CoreBounds(1, 1, 1, 1, 3, 2, false, false);
            // the insider's own client c2 is the profile's (MptcpCore.tla InsiderProfiles): one
            // application, or two when it is another application's client
            case INSIDER_OTHER_APP -> new CoreBounds(2, 1, 1, 1, 2, 0, false, false);
            // three injections: a forged ADD_ADDR, a join SYN with the token field of the client's
            // join to the attacker's address, its third ACK (thesis-xor falls only there); the sweeps
            // found the column affordable at 3 (draft-paasch 72,951 distinct states, bound-key 1,352),
            // unlike eavesdrop-all (timeouts): docs/threat-model.md, "Default bounds per column"
            case EAVESDROP_HANDSHAKE -> new CoreBounds(1, 1, 1, 1, 3, 0, false, false);
            default -> new CoreBounds(1, 1, 1, 1, 2, 0, false, false);
        };
    }

    /** The bounds as printed next to a verdict (deterministic key order). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apps", apps);
        m.put("clientsPerApp", clientsPerApp);
        m.put("connections", connsPerClient);
        m.put("joins", joins);
        m.put("injections", injections);
        m.put("rewrites", rewrites);
        m.put("lossy", lossy);
        m.put("attackerPeer", attackerPeer);
        if (serverHalfOpen > 0) {
            m.put("halfopen", serverHalfOpen);
        }
        if (joinCookies) {
            m.put("cookies", 1);
        }
        return m;
    }
}
