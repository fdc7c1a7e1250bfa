package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.mptcpverify.vocab.AttackId;

/**
 * One live attack on the Linux kernel's RFC 8684 MPTCP. It runs after a legitimate connection
 * was set up and captured, acts only on what the attacker captured, and returns whether the
 * kernel's own evidence shows it worked, appending that evidence to the context.
 */
public sealed interface KernelAttack permits EavesdropHandshake, AddAddrMitm, FastcloseForge, JoinDos {
    AttackId id();

    boolean run(AttackContext ctx) throws IOException;

    List<KernelAttack> ALL = List.of(new EavesdropHandshake(), new AddAddrMitm(), new FastcloseForge(), new JoinDos());

    static Optional<KernelAttack> byName(String name) {
        return ALL.stream().filter(a -> a.id().wireName().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(a -> a.id().wireName()).toList();
    }
}
