package org.mptcpverify.trace;

import java.util.SplittableRandom;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

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

    /**
     * The key settings of a scenario's applications: {@code first} is c1's and the server's
     * application on port 80, {@code second} c2's and port 81's (distinct effective keys). Which
     * sides use them is {@link #keyed}.
     */
    public record AppKeys(KeySetting first, KeySetting second) {
        /** 32 bytes of key material each from {@code rnd}; the second redrawn while its effective key is the first's. */
        public static AppKeys draw(AuthScheme scheme, SplittableRandom rnd) {
            byte[] m1 = new byte[32];
            byte[] m2 = new byte[32];
            fill(rnd, m1);
            fill(rnd, m2);
            KeySetting k1 = scheme.keySetting(Bytes.of(m1));
            KeySetting k2 = scheme.keySetting(Bytes.of(m2));
            while (scheme.effectiveKey(k2) != null && scheme.effectiveKey(k2).equals(scheme.effectiveKey(k1))) {
                fill(rnd, m2);
                k2 = scheme.keySetting(Bytes.of(m2));
            }
            return new AppKeys(k1, k2);
        }

        private static void fill(SplittableRandom rnd, byte[] b) {
            for (int i = 0; i < b.length; i += 8) {
                long v = rnd.nextLong();
                for (int j = 0; j < 8 && i + j < b.length; j++) {
                    b[i + j] = (byte) (v >>> (8 * j));
                }
            }
        }
    }

    /** The keys a run of this scenario configures when they are the first draws from its seed. */
    public AppKeys appKeys(AuthScheme scheme) {
        return AppKeys.draw(scheme, new SplittableRandom(seed));
    }

    /** Whether {@code side} ("client" or "server") has its application's key configured. */
    public boolean keyed(AuthScheme scheme, String side) {
        if (!scheme.id().usesExternalKey()) {
            return false;
        }
        if (attack == AttackId.ONE_SIDED_KEY) {
            return (keyedSide == null ? "client" : keyedSide).equals(side);
        }
        return true;
    }
}
