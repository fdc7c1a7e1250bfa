package org.mptcpverify.models.proof;

/**
 * The population a proof holds for (docs/proofs.md, "Scope"): one client with one connection to
 * one server application, both holding the application's external key; {@code clientJoins} joins
 * started by the client, each answered by its own server join state; {@code serverJoins} further
 * server join states opened by segments the attacker delivers; one nonce per role. Traces are unbounded.
 */
public record ProofScope(int clientJoins, int serverJoins, boolean attackerHasKey) {
    /** The scope of the matrix's proofs: 2 client joins, 2 attacker-opened join states (the bounded cells' joins and injections). */
    public static final ProofScope STANDARD = new ProofScope(2, 2, false);

    public ProofScope {
        if (clientJoins < 1 || serverJoins < 1) {
            throw new IllegalArgumentException("a proof scope needs at least one join on each side");
        }
    }

    /** The same scope with the external key given to the attacker (the negative control). */
    public ProofScope withKeyGiven() {
        return new ProofScope(clientJoins, serverJoins, true);
    }

    public String describe() {
        return "1 client, 1 connection, 1 application key, " + clientJoins + " client joins (each with its server join state), "
                + serverJoins + " server join states opened by the attacker's segments, one nonce per role, any number of segments"
                + (attackerHasKey ? ", attacker given the key" : "");
    }
}
