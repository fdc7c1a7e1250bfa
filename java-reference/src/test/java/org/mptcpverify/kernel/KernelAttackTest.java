package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three live attacks succeed against this machine's kernel, with the kernel's evidence. */
class KernelAttackTest {
    /** Captures stay in target/ so a failed CI run can be inspected. */
    private final Path dir = Path.of("target", "kernel-attacks");

    private KernelAttackReport run(String name) throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        KernelAttack attack = KernelAttack.byName(name).orElseThrow();
        Path pcap = dir.resolve(name + ".pcap");
        KernelAttackReport r = KernelAttackRunner.run(attack, Optional.of(pcap), 1L);
        System.out.println("== " + name + " on " + r.kernelRelease() + " (" + r.millis() + " ms): "
                + (r.succeeded() ? "SUCCEEDED" : "FAILED"));
        r.evidence().forEach(l -> System.out.println("   " + l));
        assertTrue(Files.size(pcap) > 24, "pcap written");
        return r;
    }

    @Test
    void eavesdropHandshake() throws Exception {
        KernelAttackReport r = run("eavesdrop-handshake");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
    }

    @Test
    void addAddrMitm() throws Exception {
        KernelAttackReport r = run("add-addr-mitm");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
    }

    @Test
    void fastcloseForge() throws Exception {
        KernelAttackReport r = run("fastclose-forge");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
    }
}
