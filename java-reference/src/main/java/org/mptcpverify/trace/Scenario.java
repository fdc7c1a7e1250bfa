package org.mptcpverify.trace;

import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Everything fixed before a trace runs: scheme, attack, the seed that draws every key and nonce,
 * and the attack's configuration knobs.
 *
 * @param keyedSide        for one-sided-key: "client" or "server" (the side that has a key); else null
 * @param attackerHasKey   negative control: the attacker knows the external keys from the start
 * @param guessedKey       the price of guessing (--bounds guess=N): a value the attacker supplies as
 *                         its guess of the external key, in hex (null: none); a wrong guess is known
 *                         to it like a given key and fails at the receivers' checks
 */
public record Scenario(SchemeId scheme, AttackId attack, long seed, String keyedSide, boolean attackerHasKey,
                       String guessedKey) {
    public Scenario(SchemeId scheme, AttackId attack, long seed, String keyedSide, boolean attackerHasKey) {
        this(scheme, attack, seed, keyedSide, attackerHasKey, null);
    }

    /** This scenario with the attacker supplying {@code hex} as its guess of the external key. */
    public Scenario withGuessedKey(String hex) {
        return new Scenario(scheme, attack, seed, keyedSide, attackerHasKey, hex);
    }

    public static Scenario of(SchemeId scheme, AttackId attack, long seed) {
        return new Scenario(scheme, attack, seed, attack == AttackId.ONE_SIDED_KEY ? "client" : null, false);
    }
}
