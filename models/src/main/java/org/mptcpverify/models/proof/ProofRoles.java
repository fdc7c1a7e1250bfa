package org.mptcpverify.models.proof;

/**
 * The roles of the proof's population (docs/proofs.md, "Scope"): per client n, its connection
 * {@code c}, the server's connection {@code s}, the client's joins {@code j<j>}, the server join
 * states {@code h<j>} that answer them and {@code hx<k>} that the attacker's segments open; the
 * first client's roles have the one-client names, client n's carry the suffix {@code _n}. Also the
 * hosts behind the roles, which the authenticity family compares (MptcpCore.tla: a segment's
 * origin is its sending host; a server join's rightful origin is {@code Client(h.conn)}).
 */
public final class ProofRoles {
    /** The first client's host (and the ghost of a join state its SYN opened). */
    public static final Term CLIENT = Term.atom("client");
    public static final Term ATTACKER = Term.atom("attacker");
    public static final Term SERVER = Term.atom("server");
    /** The role name of the attacker as a segment's sender. */
    public static final String ATTACKER_ROLE = "x";

    private ProofRoles() {}

    /**
     * The role {@code base} of client n's connection: "c", "s", "j1", "h1", "hx1" for the first
     * client (the names of the one-client scope), "c_2", "j1_2", ... for the others.
     */
    public static String at(String base, int n) {
        return n == 1 ? base : base + "_" + n;
    }

    /** The connection (client) a role belongs to, 1-based. */
    public static int connOf(String role) {
        int u = role.indexOf('_');
        return u < 0 ? 1 : Integer.parseInt(role.substring(u + 1));
    }

    static String baseOf(String role) {
        int u = role.indexOf('_');
        return u < 0 ? role : role.substring(0, u);
    }


    /** Whether a role is a client end (its connection or a join), which runs the client's mode. */
    public static boolean clientSide(String role) {
        String b = baseOf(role);
        return b.equals("c") || b.startsWith("j");
    }

    /** A role of the other side (for reading the message its peer sends): the client's connection for a server-side role, else the server's. */
    static String peerSide(String role) {
        return at(clientSide(role) ? "s" : "c", connOf(role));
    }

    /** A term that is a ghost's value (who built a SYN), not a term of the algebra. */
    public static boolean ghostValue(Term t) {
        return t.op().equals("atom") && (t.equals(CLIENT) || t.equals(ATTACKER) || t.equals(SERVER) || t.n().startsWith("client_"));
    }

    /** The host that sends a role's segments: client n for the client's connection and joins, else the server. */
    public static Term host(String role) {
        String b = baseOf(role);
        if (clientSide(role)) {
            return connOf(role) == 1 ? CLIENT : Term.atom("client_" + connOf(role));
        }
        return b.equals(ATTACKER_ROLE) ? ATTACKER : SERVER;
    }

    /**
     * The host a role may accept the protected segments from (MptcpCore.tla: a server join's and
     * the server connection's {@code Client(h.conn)}, the client's server): the host of its peer side.
     */
    public static Term owner(String role) {
        return clientSide(role) ? SERVER : host(at("c", connOf(role)));
    }

    /** The connection role whose state a join role starts from (client join: the client's; server join: the server's), else itself. */
    public static String connectionOf(String role) {
        String b = baseOf(role);
        if (b.equals("c") || b.equals("s")) {
            return role;
        }
        return at(clientSide(role) ? "c" : "s", connOf(role));
    }

    /** The join index of a client join role (j3_2: 3). */
    public static int joinIndex(String role) {
        return Integer.parseInt(baseOf(role).substring(1));
    }

    /** The role an honest segment to {@code role} comes from (null: none, a join state the attacker opened). */
    public static String peer(String role) {
        String b = baseOf(role);
        int n = connOf(role);
        if (b.equals("c")) {
            return at("s", n);
        } else if (b.equals("s")) {
            return at("c", n);
        } else if (b.startsWith("hx") || b.equals(ATTACKER_ROLE)) {
            return null;
        }
        return at((b.startsWith("h") ? "j" : "h") + b.substring(1), n);
    }
}
