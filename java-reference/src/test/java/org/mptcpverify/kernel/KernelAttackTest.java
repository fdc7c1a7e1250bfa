package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mptcpverify.inspect.HmacCheck;
import org.mptcpverify.inspect.InspectReport;
import org.mptcpverify.inspect.Inspector;
import org.mptcpverify.inspect.ReportText;
import org.mptcpverify.pcap.AttackerMark;
import org.mptcpverify.pcap.CapturedPacket;
import org.mptcpverify.pcap.PcapReader;
import org.junit.jupiter.api.Test;

/** Every live attack succeeds against this machine's kernel, with the kernel's evidence; every negative control fails. */
class KernelAttackTest {
    /** Captures stay in target/ so a failed CI run can be inspected. */
    private final Path dir = Path.of("target", "kernel-attacks");

    private KernelAttackReport run(String name) throws Exception {
        return run(name, false);
    }

    private KernelAttackReport run(String name, boolean wrongKeys) throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        KernelAttack attack = KernelAttack.byName(name).orElseThrow();
        Path pcap = dir.resolve(name + (wrongKeys ? "-wrong-keys" : "") + ".pcap");
        KernelAttackReport r = KernelAttackRunner.run(attack, Optional.of(pcap), 1L, wrongKeys);
        System.out.println("== " + name + (wrongKeys ? " (wrong keys)" : "") + " on " + r.kernelRelease()
                + " (" + r.millis() + " ms): "
                + (r.succeeded() ? "attack succeeded" : "attack did not succeed"));
        r.evidence().forEach(l -> System.out.println("   " + l));
        assertTrue(Files.size(pcap) > 24, "pcap written");
        assertAttackerAddressesMarked(pcap);
        return r;
    }

    /**
     * Every frame from an address only the attacker uses (10.1.0.66, .67: no kernel host has them)
     * carries the attacker's packet comment; frames the kernels sent from their own addresses may be
     * marked only when the attacker forged or relayed them, which the attack-specific tests check.
     */
    private static void assertAttackerAddressesMarked(Path pcap) throws Exception {
        List<CapturedPacket> packets = PcapReader.read(pcap);
        long marked = packets.stream().filter(p -> AttackerMark.find(p.comments()).isPresent()).count();
        for (CapturedPacket p : packets) {
            byte[] ip = p.ip();
            boolean attackerAddress = ip.length >= 20 && (ip[12] & 0xff) == 10 && (ip[13] & 0xff) == 1
                    && (ip[14] & 0xff) == 0 && ((ip[15] & 0xff) == 66 || (ip[15] & 0xff) == 67);
            if (attackerAddress) {
                assertTrue(AttackerMark.find(p.comments()).isPresent(), "frame " + p.frameIndex() + " unmarked");
            }
        }
        assertTrue(marked > 0 && marked < packets.size(), marked + " of " + packets.size() + " frames marked in " + pcap);
    }

    @Test
    void eavesdropHandshake() throws Exception {
        KernelAttackReport r = run("eavesdrop-handshake");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
    }

    /**
     * The wider view: the client's own join carried the bulk (its initial address is backup), so the
     * data sequence number comes from a join's mappings, which the attacker found by the captured
     * server key's token; and the server holds both joins.
     */
    @Test
    void eavesdropAll() throws Exception {
        KernelAttackReport r = run("eavesdrop-all");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("attacker: the client's join from 10.1.0.11")
                && l.contains("HMAC-B verifies and HMAC-A verifies")), r.evidence()::toString);
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("attacker: data sequence number")
                && l.endsWith("(wrong: a join carried data)")), r.evidence()::toString);
        InspectReport report = Inspector.inspect(dir.resolve("eavesdrop-all.pcap"));
        assertTrue(report.connections().size() == 1 && report.connections().get(0).joins().size() == 2
                && report.connections().get(0).joins().stream().allMatch(j -> j.synAckHmac() == HmacCheck.VALID),
                () -> ReportText.format(report));
    }

    @Test
    void addAddrMitm() throws Exception {
        KernelAttackReport r = run("add-addr-mitm");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
        // The relay half: the client's next bytes crossed the attacker and reached the server.
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("relay: ")
                && l.endsWith("crossed the attacker: \"second message from the client\\n\"")), r.evidence()::toString);
        assertTrue(r.evidence().contains("server application read (whole stream): "
                + "\"hello from the client\\nsecond message from the client\\n\""), r.evidence()::toString);
        // And back: the server's reply crossed the attacker and reached the client.
        assertTrue(r.evidence().contains("relay: server bytes that crossed the attacker: \"reply from the server\\n\""),
                r.evidence()::toString);
        assertTrue(r.evidence().contains("client application read (whole stream): \"reply from the server\\n\""),
                r.evidence()::toString);
        // inspect shows the forged ADD_ADDR (sent in the server's name, HMAC valid) as the attacker's.
        InspectReport report = Inspector.inspect(dir.resolve("add-addr-mitm.pcap"));
        assertTrue(report.connections().stream().flatMap(c -> c.addAddrs().stream())
                .anyMatch(a -> a.sender().equals("B") && a.hmac() == HmacCheck.VALID && report.attackerMarked(a.frame())),
                () -> ReportText.format(report));
    }

    @Test
    void fastcloseForge() throws Exception {
        KernelAttackReport r = run("fastclose-forge");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
    }

    // Negative controls: the same attacker without the right keys must fail, and the kernel
    // evidence must show the rejection (so the success checks above can fail).

    @Test
    void eavesdropHandshakeWithWrongKeysIsResetByTheServer() throws Exception {
        KernelAttackReport r = run("eavesdrop-handshake", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server kernel answered SYN + MP_JOIN with flags 0x14")),
                () -> "expected a RST to the join: " + r.evidence());
    }

    @Test
    void eavesdropAllWithWrongKeysIsResetByTheServer() throws Exception {
        KernelAttackReport r = run("eavesdrop-all", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server kernel answered SYN + MP_JOIN with flags 0x14")),
                () -> "expected a RST to the join: " + r.evidence());
    }

    @Test
    void addAddrMitmWithWrongKeysIsIgnoredByTheClient() throws Exception {
        KernelAttackReport r = run("add-addr-mitm", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("client kernel: no SYN to")), r.evidence()::toString);
    }

    @Test
    void fastcloseForgeWithWrongKeyLeavesTheConnectionOpen() throws Exception {
        KernelAttackReport r = run("fastclose-forge", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().contains("server application: no error or EOF within 3 s"), r.evidence()::toString);
    }

    @Test
    void joinDosLeavesHalfOpenJoinsWithAndWithoutSynCookies() throws Exception {
        KernelAttackReport r = run("join-dos");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server kernel: " + JoinDos.SYNS + " request sockets")
                || l.matches("server kernel: ([5-9]|\\d\\d+) request sockets.*")), r.evidence()::toString);
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("attacker with SYN cookies")
                && l.contains("answered " + JoinDos.SYNS + " with SYN/ACK")), r.evidence()::toString);
    }

    @Test
    void joinDosWithWrongKeysIsResetAndLeavesNoState() throws Exception {
        KernelAttackReport r = run("join-dos", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.contains("answered 0 with SYN/ACK") && l.contains("flags 0x14")),
                "the unknown token is answered with RST + ACK: " + r.evidence());
        assertTrue(r.evidence().contains("server kernel: 0 request sockets in SYN-RECV for port 5201"
                + " (ss -Htn state syn-recv, server namespace)"), r.evidence()::toString);
    }

    // The attacks added for issue 14 (the attacker as the router of path 2, and the profiles on
    // options RFC 8684 leaves unauthenticated or unfresh). Each control must fail with the kernel's
    // rejection in the evidence.

    @Test
    void synJoinRewriteLeavesTheServerASubflowFromTheAttackersAddress() throws Exception {
        KernelAttackReport r = run("syn-join-rewrite");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server ss (established, peer 10.1.0.66): 10.1.0.2:5201 <-> 10.1.0.66:")),
                r.evidence()::toString);
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("client ss (established, local 10.2.0.1): 10.2.0.1")),
                r.evidence()::toString);
        // inspect on the merged capture: the rewritten join's SYN and third ACK are the attacker's frames.
        InspectReport report = Inspector.inspect(dir.resolve("syn-join-rewrite.pcap"));
        assertTrue(report.attackerFrames().size() >= 3, () -> ReportText.format(report));
    }

    @Test
    void synJoinRewriteWithAWrongHmacIsRejectedByTheServer() throws Exception {
        KernelAttackReport r = run("syn-join-rewrite", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server MIB counters changed:")
                && l.contains("MPTcpExtMPJoinAckHMacFailure=1")), r.evidence()::toString);
    }

    @Test
    void removeAddrForgeClosesTheClientsJoin() throws Exception {
        KernelAttackReport r = run("remove-addr-forge");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().contains("server ss (established, peer 10.1.0.11): none"), r.evidence()::toString);
    }

    @Test
    void removeAddrForgeOutOfWindowIsIgnored() throws Exception {
        KernelAttackReport r = run("remove-addr-forge", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server kernel: no FIN or RST on the join")
                && l.endsWith("MPTCP_INFO subflows = 1")), r.evidence()::toString);
    }

    @Test
    void mpPrioForgeMarksTheSubflowBackup() throws Exception {
        KernelAttackReport r = run("mp-prio-forge");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
    }

    @Test
    void mpPrioForgeOutOfWindowIsIgnored() throws Exception {
        KernelAttackReport r = run("mp-prio-forge", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server MIB counters changed:")
                && !l.contains("MPTcpExtMPPrioRx")), r.evidence()::toString);
    }

    @Test
    void addAddrReplayIsAcceptedAgainAfterRemoveAddr() throws Exception {
        KernelAttackReport r = run("add-addr-replay");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("client kernel: echoed it; SYN + MP_JOIN to 10.1.0.12 again")),
                r.evidence()::toString);
    }

    @Test
    void addAddrReplayWithAWrongHmacIsDropped() throws Exception {
        KernelAttackReport r = run("add-addr-replay", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("client kernel: no echo")), r.evidence()::toString);
    }

    @Test
    void synFloodAmplificationDrawsSynAcksToSpoofedSources() throws Exception {
        KernelAttackReport r = run("syn-flood-amplification");
        assertTrue(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("attacker (net.ipv4.tcp_syncookies=2)")
                && l.contains(SynFloodAmplification.SOURCES + " spoofed sources got a SYN/ACK + MP_JOIN")
                && l.endsWith("0 new request sockets in SYN-RECV (ss)")), r.evidence()::toString);
    }

    @Test
    void synFloodAmplificationWithAWrongTokenDrawsNothing() throws Exception {
        KernelAttackReport r = run("syn-flood-amplification", true);
        assertFalse(r.succeeded(), () -> String.join("\n", r.evidence()));
        assertTrue(r.evidence().stream().anyMatch(l -> l.startsWith("server MIB counters changed:")
                && l.contains("MPTcpExtMPJoinNoTokenFound=" + 2 * SynFloodAmplification.SOURCES)), r.evidence()::toString);
    }
}
