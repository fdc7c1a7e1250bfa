package org.mptcpverify.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mptcpverify.wire.MptcpOption;

/**
 * The kernel server's replies to the differential sequences, against the behaviour documented
 * by RFC 8684 and docs/kernel.md (expected values come from the RFC, not from a kernel run).
 * Every scenario with a rejection also has its accepting control, so a peer that got the
 * crypto wrong (and is rejected everywhere) fails the controls.
 */
class DifferentialKernelTest {
    private static List<KernelObservation> obs;

    @BeforeAll
    static void play() throws Exception {
        KernelAssumptions.assumeKernelAvailable();
        obs = DifferentialScenarios.runAll(7L);
        obs.forEach(o -> System.out.println("   " + o));
    }

    private static List<KernelObservation> of(String scenario) {
        List<KernelObservation> l = obs.stream().filter(o -> o.scenario().equals(scenario)).toList();
        assertTrue(!l.isEmpty(), "scenario " + scenario + " produced no observations");
        return l;
    }

    private static KernelObservation step(String scenario, String stepPrefix) {
        return of(scenario).stream().filter(o -> o.step().startsWith(stepPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(scenario + ": no step '" + stepPrefix + "' in " + of(scenario)));
    }

    @Test
    void mpCapableV1HandshakeSynAckCarriesKeyAndFlagH() {
        KernelReply syn = step("mp-capable-v1", "SYN").reply();
        assertEquals(KernelReply.Kind.SYN_ACK, syn.kind());
        MptcpOption.MpCapable mpc = syn.option(MptcpOption.MpCapable.class).orElseThrow();
        assertEquals(1, mpc.version());
        assertTrue(mpc.senderKey().isPresent() && mpc.receiverKey().isEmpty(), "SYN/ACK carries Key-B only");
        assertEquals(MptcpOption.FLAG_H_HMAC, mpc.flags() & MptcpOption.FLAG_H_HMAC, "flag H (HMAC-SHA256)");
        KernelObservation third = step("mp-capable-v1", "third ACK");
        assertEquals(KernelReply.Kind.SILENCE, third.reply().kind(), "a pure third ACK needs no reply");
        assertTrue(third.note().endsWith("true"), "server application accepted the connection");
    }

    @Test
    void joinWithUnknownTokenIsReset() {
        KernelReply r = step("join-unknown-token", "SYN").reply();
        assertEquals(KernelReply.Kind.RST, r.kind());
        assertEquals(Optional.of(1), r.resetReason(), "MP_TCPRST reason 1, MPTCP-specific error");
    }

    @Test
    void thirdAckWithBadHmacIsResetAfterAValidSynAck() {
        KernelObservation syn = step("join-bad-hmac", "SYN");
        assertEquals(KernelReply.Kind.SYN_ACK, syn.reply().kind());
        assertEquals("HMAC-B valid: true", syn.note());
        KernelReply ack = step("join-bad-hmac", "third ACK").reply();
        assertEquals(KernelReply.Kind.RST, ack.kind());
        assertEquals(Optional.of(1), ack.resetReason());
    }

    @Test
    void goodJoinIsAckedWithADataAck() {
        KernelObservation syn = step("good-join", "SYN");
        assertEquals(KernelReply.Kind.SYN_ACK, syn.reply().kind());
        assertEquals("HMAC-B valid: true", syn.note());
        KernelReply ack = step("good-join", "third ACK").reply();
        assertEquals(KernelReply.Kind.ACK, ack.kind(), "RFC 8684 3.2: B acknowledges the third ACK");
        assertTrue(ack.option(MptcpOption.Dss.class).flatMap(d -> d.dataAck().isPresent() ? Optional.of(d) : Optional.empty())
                .isPresent(), "the ACK carries a DSS data ACK");
    }

    @Test
    void joinBeyondTheSubflowLimitIsRefused() {
        assertEquals(KernelReply.Kind.ACK, step("join-beyond-limit", "third ACK + MP_JOIN, join 1").reply().kind());
        assertEquals(KernelReply.Kind.ACK, step("join-beyond-limit", "third ACK + MP_JOIN, join 2").reply().kind());
        // Documented difference: Linux answers the SYN of the join over the limit and refuses at
        // the third ACK, with reason 3 (administratively prohibited).
        assertEquals(KernelReply.Kind.SYN_ACK, step("join-beyond-limit", "SYN + MP_JOIN, join 3").reply().kind());
        KernelReply third = step("join-beyond-limit", "third ACK + MP_JOIN, join 3").reply();
        assertEquals(KernelReply.Kind.RST, third.kind());
        assertEquals(Optional.of(3), third.resetReason());
    }

    @Test
    void halfOpenJoinsDoNotBlockALegitimateJoin() {
        // join-dos: RFC 8684 sets no bound; Linux keeps each as a request socket (SYN/ACK sent)
        // and counts only established subflows against its limit, so the legitimate join works.
        for (int i = 1; i <= 3; i++) {
            assertEquals(KernelReply.Kind.SYN_ACK, step("half-open-joins", "lone SYN + MP_JOIN " + i).reply().kind());
        }
        String held = step("half-open-joins", "lone SYN + MP_JOIN 3").note();
        assertTrue(held.startsWith("server sockets in SYN-RECV: ")
                && Integer.parseInt(held.substring(held.lastIndexOf(' ') + 1)) >= 3,
                "three half-open joins held for one connection: " + held);
        assertEquals("HMAC-B valid: true", step("half-open-joins", "then a legitimate join: SYN").note());
        assertEquals(KernelReply.Kind.ACK, step("half-open-joins", "then a legitimate join: third ACK").reply().kind());
    }

    @Test
    void addAddrWithBadHmacIsIgnoredAndTheGoodOneEchoedAndJoined() {
        assertEquals(KernelReply.Kind.SILENCE, step("add-addr-bad-hmac", "ACK + ADD_ADDR").reply().kind());
        KernelReply echo = step("add-addr-bad-hmac", "control: ACK + ADD_ADDR").reply();
        MptcpOption.AddAddr a = echo.option(MptcpOption.AddAddr.class).orElseThrow(() -> new AssertionError("no echo: " + echo));
        assertTrue(a.echo() && a.truncatedHmac().isEmpty(), "an echo, without HMAC");
        assertEquals(Topology.FORGED_2, a.address());
        KernelObservation join = step("add-addr-bad-hmac", "control: (nothing sent)");
        assertEquals(KernelReply.Kind.SYN, join.reply().kind(), "server opened a subflow");
        assertTrue(join.reply().option(MptcpOption.MpJoinSyn.class).isPresent(), "SYN + MP_JOIN to the announced address");
        assertEquals("MP_JOIN token = token(peer key)", join.note());
    }

    @Test
    void fastcloseWithWrongKeyIsIgnoredAndTheRightOneResets() {
        KernelObservation wrong = step("fastclose-wrong-key", "ACK + MP_FASTCLOSE");
        assertEquals(KernelReply.Kind.SILENCE, wrong.reply().kind());
        assertEquals("server application: connection still open", wrong.note());
        KernelObservation right = step("fastclose-wrong-key", "control:");
        assertEquals(KernelReply.Kind.RST, right.reply().kind());
        assertTrue(right.note().contains("error"), right.note());
    }

    @Test
    void addAddrHmacCoversThePort() {
        KernelObservation zero = step("add-addr-port", "ACK + ADD_ADDR");
        assertEquals(KernelReply.Kind.SILENCE, zero.reply().kind(), "RFC 8684 3.4.1: an HMAC over port 0 does not cover 8080");
        assertTrue(!zero.note().contains("MPTcpExtAddAddr"), "MPTcpExtAddAddr unchanged: " + zero.note());
        KernelObservation real = step("add-addr-port", "control:");
        MptcpOption.AddAddr echo = real.reply().option(MptcpOption.AddAddr.class).orElseThrow();
        assertTrue(echo.echo() && echo.port().equals(java.util.OptionalInt.of(DifferentialScenarios.ADD_ADDR_PORT)),
                "the echo repeats the port: " + echo);
        assertTrue(real.note().contains("MPTcpExtAddAddr=1") && real.note().contains("MPTcpExtPortAdd=1"), real.note());
        assertTrue(real.note().contains("join goes to port " + DifferentialScenarios.ADD_ADDR_PORT), real.note());
    }

    @Test
    void resetOfTheInitialSubflowLeavesTheConnectionOnItsJoin() {
        KernelObservation rst = step("rst-initial-subflow", "RST");
        assertEquals(KernelReply.Kind.SILENCE, rst.reply().kind());
        assertTrue(rst.note().contains("connection still open") && rst.note().contains("\"subflows\":1"),
                "application sees no error; MPTCP_INFO subflows (additional) = 1: " + rst.note());
        KernelReply fc = step("rst-initial-subflow", "then ACK + MP_FASTCLOSE").reply();
        assertEquals(KernelReply.Kind.RST, fc.kind(), "the connection lived on: MP_FASTCLOSE on the join closes it");
        assertEquals(Optional.of(0), fc.resetReason());
    }

    @Test
    void fastCloseOnARstIsActedOnOnlyWithTheRightKey() {
        KernelObservation wrong = step("fastclose-on-rst", "RST + MP_FASTCLOSE");
        assertEquals(KernelReply.Kind.SILENCE, wrong.reply().kind(), "nothing sent on the join");
        assertTrue(wrong.note().contains("connection still open") && !wrong.note().contains("MPTcpExtMPFastcloseRx"),
                wrong.note());
        KernelObservation right = step("fastclose-on-rst", "control:");
        assertEquals(KernelReply.Kind.RST, right.reply().kind(), "RFC 8684 3.5: the other subflows are reset");
        assertTrue(right.note().contains("MPTcpExtMPFastcloseRx=1") && right.note().contains("ConnectionResetError"),
                right.note());
    }

    @Test
    void removeAddrClosesTheSubflowWithThatAddressId() {
        KernelObservation none = step("remove-addr", "ACK + REMOVE_ADDR(9)");
        assertEquals(KernelReply.Kind.SILENCE, none.reply().kind());
        KernelObservation rm = step("remove-addr", "ACK + REMOVE_ADDR(" + KernelPeer.JOIN_ADDRESS_ID + ")");
        assertTrue(rm.reply().fin() || rm.reply().kind() == KernelReply.Kind.RST, "the join is closed: " + rm.reply());
        assertTrue(rm.note().contains("\"subflows\":0"), "MPTCP_INFO subflows (additional) = 0: " + rm.note());
    }

    @Test
    void mpPrioMarksTheJoinAsBackup() {
        KernelObservation p = step("mp-prio", "ACK + MP_PRIO");
        assertEquals(KernelReply.Kind.SILENCE, p.reply().kind(), "MP_PRIO needs no reply");
        assertTrue(p.note().contains("MPTcpExtMPPrioRx=1"), p.note());
        assertTrue(p.note().matches(".*ss subflow flags:\\S*B.*"), "ss: backup requested by the peer (B): " + p.note());
    }

    @Test
    void aThirdAckWithoutMpCapableFallsBackToTcp() {
        KernelObservation third = step("fallback", "third ACK");
        assertEquals(KernelReply.Kind.SILENCE, third.reply().kind());
        assertTrue(third.note().contains("MPTcpExtMPCapableFallbackACK=1"), "MIB MPCapableFallbackACK: " + third.note());
        KernelReply join = step("fallback", "then SYN + MP_JOIN").reply();
        assertEquals(KernelReply.Kind.RST, join.kind(), "RFC 8684 3.7: a fallen-back connection takes no joins");
        assertEquals(Optional.of(1), join.resetReason());
    }
}
