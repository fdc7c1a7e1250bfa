package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.mptcpverify.vocab.AttackId;

/**
 * One live attack on the Linux kernel's RFC 8684 MPTCP. It runs after a legitimate connection
 * was set up and captured, acts only on what the attacker captured, and returns whether the
 * kernel's own evidence shows it worked, appending that evidence to the context. With
 * {@link AttackContext#wrongKeys()} it runs its negative control instead, which must fail.
 */
public sealed interface KernelAttack permits EavesdropHandshake, EavesdropAll, AddAddrMitm, FastcloseForge, JoinDos, SynJoinRewrite,
        RemoveAddrForge, MpPrioForge, AddAddrReplay, SynFloodAmplification {

    /**
     * The attack profile's name and goal property as docs/threat-model.md and docs/properties.md
     * spell them (strings: profiles the models add later need no enum value here), and what the
     * negative control changes.
     */
    record Profile(String attack, String property, String control) {
        static Profile of(AttackId id, String control) {
            return new Profile(id.wireName(), id.properties().get(0).modelName(), control);
        }
    }

    /** Negative control of the attacks that use the captured keys. */
    String WRONG_KEYS = "wrong keys: the captured keys XOR 0x0101010101010101, everything else as captured";

    /** Negative control of the attacks on options RFC 8684 leaves unauthenticated (nothing keyed to get wrong). */
    String OUT_OF_WINDOW = "wrong sequence numbers: the same forged segment half the sequence space out of the window";

    Profile profile();

    boolean run(AttackContext ctx) throws IOException;

    /** Whether the attack needs path 2, the client's second path routed through the attacker. */
    default boolean onPath2() {
        return false;
    }

    default String name() {
        return profile().attack();
    }

    List<KernelAttack> ALL = List.of(new EavesdropHandshake(), new EavesdropAll(), new AddAddrMitm(), new FastcloseForge(), new JoinDos(),
            new SynJoinRewrite(), new RemoveAddrForge(), new MpPrioForge(), new AddAddrReplay(),
            new SynFloodAmplification());

    static Optional<KernelAttack> byName(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(KernelAttack::name).toList();
    }
}
