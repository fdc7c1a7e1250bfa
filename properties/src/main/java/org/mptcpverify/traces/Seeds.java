package org.mptcpverify.traces;

import java.nio.charset.StandardCharsets;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/** Deterministic seed derivation: the same engine seed gives every cell its own, fixed stream. */
public final class Seeds {
    private Seeds() {
    }

    /** The seed of a cell: the engine seed mixed with the scheme's and the attack's shared names. */
    public static long cell(long engineSeed, SchemeId scheme, AttackId attack) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64: a fixed, platform-independent string hash
        for (byte b : (scheme.wireName() + "\u0000" + attack.wireName()).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(engineSeed ^ mix(h));
    }

    /** The seed of the i-th try of a cell. */
    public static long trial(long cellSeed, int index) {
        return mix(cellSeed + 0x9e3779b97f4a7c15L * (index + 1L));
    }

    /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
