package org.mptcpverify.trace;

import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Everything fixed before a trace runs: scheme, attack, the seed that draws every key and nonce,
 * and the attack's configuration knobs.
 *
 * @param keyedSide        for one-sided-key: "client" or "server" (the side that has a key); else null
 * @param attackerHasKey   negative control: the attacker knows the external keys from the start
 */
public record Scenario(SchemeId scheme, AttackId attack, long seed, String keyedSide, boolean attackerHasKey) {
    public static Scenario of(SchemeId scheme, AttackId attack, long seed) {
        return new Scenario(scheme, attack, seed, attack == AttackId.ONE_SIDED_KEY ? "client" : null, false);
    }
}
