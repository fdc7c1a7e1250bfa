package org.mptcpverify.models.proof;

/**
 * The population a proof holds for (docs/proofs.md, "Scope"): one client with one connection to
 * one server application, both holding the application's external key; {@code clientJoins} joins
 * started by the client, each answered by its own server join state; {@code serverJoins} further
 * server join states opened by segments the attacker delivers; one nonce per role. Traces are unbounded.
 * {@code clients} > 1: that many clients of the same application (the same key), each with its own
 * connection, joins and join states (its own roles and nonces, {@link ProofRoles}).
 */
public record ProofScope(int clientJoins, int serverJoins, boolean attackerHasKey, int clients) {
    /** The scope of the matrix's proofs: 2 client joins, 2 attacker-opened join states (the bounded cells' joins and injections). */
    public static final ProofScope STANDARD = new ProofScope(2, 2, false);

    public ProofScope {
        if (clientJoins < 1 || serverJoins < 1) {
            throw new IllegalArgumentException("a proof scope needs at least one join on each side");
        }
        if (clients < 1) {
            throw new IllegalArgumentException("a proof scope needs at least one client");
        }
    }

    /** One client (the scope of the matrix). */
    public ProofScope(int clientJoins, int serverJoins, boolean attackerHasKey) {
        this(clientJoins, serverJoins, attackerHasKey, 1);
    }

    /**
     * The same scope with {@code n} clients of the same application (the same key), each with one
     * connection to the one server and its own joins and join states (docs/proofs.md, "Scope").
     */
    public ProofScope withClients(int n) {
        return new ProofScope(clientJoins, serverJoins, attackerHasKey, n);
    }

    /** The same scope with the external key given to the attacker (the negative control). */
    public ProofScope withKeyGiven() {
        return new ProofScope(clientJoins, serverJoins, true, clients);
    }

    public String describe() {
        String who = clients == 1 ? "1 client, 1 connection, 1 application key, "
                : clients + " clients of one application (one key), each with 1 connection, per connection ";
        return who + clientJoins + " client joins (each with its server join state), "
                + serverJoins + " server join states opened by the attacker's segments, one nonce per role, any number of segments"
                + (attackerHasKey ? ", attacker given the key" : "");
    }
}
