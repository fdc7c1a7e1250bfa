package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Rfc8684;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * The reference where it used to depart from RFC 8684 and Linux 6.18 (issue 14): ADD_ADDR HMAC over
 * the real port, a reset initial subflow, MP_FASTCLOSE on a RST, REMOVE_ADDR by address id, MP_PRIO,
 * and the join limits. Expected values come from RFC 8684 and the kernel runs of docs/kernel.md.
 */
class LinuxFidelityTest {
    private static final int PORT_8080 = 8080;

    /** Client c1 connected to s, with one established join from c1.a2 (address id 1). */
    private static Hosts joined(long seed) {
        Hosts h = new Hosts(new Rfc8684(), seed);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        h.join();
        assertEquals(1, h.serverJoins().size(), "set-up: one join");
        return h;
    }

    /** A segment from c1 on {@code t} (the server's tuple of it) carrying {@code flags} and {@code options}. */
    private static TcpSegment fromClient(Tuple serverSide, long seq, int flags, List<MptcpOption> options) {
        return new TcpSegment(serverSide.remoteAddr(), serverSide.localAddr(), serverSide.remotePort(),
                serverSide.localPort(), seq, 0, flags, 65535,
                options.stream().<TcpSegment.TcpOption>map(TcpSegment.TcpOption.Mptcp::new).toList(), Bytes.empty());
    }

    private static void deliverToServer(Hosts h, TcpSegment s) {
        h.inFlight.add(s);
        h.run();
    }

    @Test
    void addAddrHmacCoversTheAdvertisedPort() {
        Hosts h = new Hosts(new Rfc8684(), 21);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        Connection s = h.serverConn();
        long keyB = s.keys().localKey();
        long keyA = s.keys().remoteKey();
        // RFC 8684 3.4.1: HMAC(Key-B || Key-A, id || address || port), computed here by MptcpCrypto
        long rfc = MptcpCrypto.addAddrHmac(HashAlg.SHA256, keyB, keyA, 5, Hosts.addr("s.a2"), OptionalInt.of(PORT_8080));
        long overZero = MptcpCrypto.addAddrHmac(HashAlg.SHA256, keyB, keyA, 6, Hosts.addr("s.a2"), OptionalInt.empty());
        Tuple init = h.clientConn().initial();
        TcpSegment zeroPort = new TcpSegment(init.remoteAddr(), init.localAddr(), init.remotePort(), init.localPort(),
                s.isn() + 1, s.peerIsn() + 1, TcpSegment.ACK, 65535, List.of(new TcpSegment.TcpOption.Mptcp(
                        new MptcpOption.AddAddr(1, 0, 6, Hosts.addr("s.a2"), OptionalInt.of(PORT_8080), OptionalLong.of(overZero)))),
                Bytes.empty());
        h.inFlight.add(zeroPort);
        h.run();
        assertFalse(h.clientConn().remoteAddrs().containsKey(6), "an HMAC over port 0 does not authenticate port 8080");
        TcpSegment real = new TcpSegment(init.remoteAddr(), init.localAddr(), init.remotePort(), init.localPort(),
                s.isn() + 1, s.peerIsn() + 1, TcpSegment.ACK, 65535, List.of(new TcpSegment.TcpOption.Mptcp(
                        new MptcpOption.AddAddr(1, 0, 5, Hosts.addr("s.a2"), OptionalInt.of(PORT_8080), OptionalLong.of(rfc)))),
                Bytes.empty());
        h.inFlight.add(real);
        h.run();
        assertEquals(Hosts.addr("s.a2"), h.clientConn().remoteAddrs().get(5), "the RFC-correct ADD_ADDR is accepted");
        assertTrue(h.log.stream().anyMatch(x -> x.dstPort() == PORT_8080 && x.has(TcpSegment.SYN)
                && Hosts.option(x, MptcpOption.MpJoinSyn.class).isPresent()), "the client joins the advertised port");
        assertTrue(h.log.stream().anyMatch(x -> Hosts.option(x, MptcpOption.AddAddr.class)
                .filter(MptcpOption.AddAddr::echo).map(a -> a.port().equals(OptionalInt.of(PORT_8080))).orElse(false)),
                "the echo repeats the port");
    }

    @Test
    void theReferenceSendsAnAddAddrWithPortItsPeerAccepts() {
        Hosts h = new Hosts(new Rfc8684(), 22);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        h.event("s", new Event.Advertise(h.serverConn().id(), 2, Hosts.addr("s.a2"), OptionalInt.of(PORT_8080)));
        h.run();
        MptcpOption.AddAddr sent = h.log.stream().flatMap(x -> Hosts.option(x, MptcpOption.AddAddr.class).stream())
                .filter(a -> !a.echo()).findFirst().orElseThrow();
        Connection s = h.serverConn();
        assertEquals(MptcpCrypto.addAddrHmac(HashAlg.SHA256, s.keys().localKey(), s.keys().remoteKey(), 2,
                Hosts.addr("s.a2"), OptionalInt.of(PORT_8080)), sent.truncatedHmac().getAsLong());
        assertEquals(Hosts.addr("s.a2"), h.clientConn().remoteAddrs().get(2));
    }

    /**
     * Linux answers a join with the id it announced the address with (the endpoint id); the
     * reference used the address's position in its own list (s.a2 is 1) whatever it had announced.
     */
    @Test
    void theJoinSynAckCarriesTheIdTheAddressWasAnnouncedWith() {
        for (OptionalInt port : List.of(OptionalInt.empty(), OptionalInt.of(PORT_8080))) {
            Hosts h = new Hosts(new Rfc8684(), 30);
            h.bind(KeySetting.none());
            if (port.isPresent()) {
                h.event("s", new Event.Bind(PORT_8080, KeySetting.none()));
            }
            h.connect(KeySetting.none());
            h.event("s", new Event.Advertise(h.serverConn().id(), 7, Hosts.addr("s.a2"), port));
            h.run();
            assertEquals(1, h.serverJoins().size(), "set-up: the client joined the announced address " + port);
            MptcpOption.MpJoinSynAck synAck = h.log.stream().filter(x -> x.src().equals(Hosts.addr("s.a2")))
                    .flatMap(x -> Hosts.option(x, MptcpOption.MpJoinSynAck.class).stream()).findFirst().orElseThrow();
            assertEquals(7, synAck.addressId(), "SYN/ACK + MP_JOIN on the address announced as id 7, port " + port);
            assertEquals(7, h.clientJoins().get(0).remoteAddrId(), "the client files the join under the announced id");
            // so a REMOVE_ADDR naming the announced id closes exactly that join at the client
            h.event("s", new Event.RemoveAddr(h.serverConn().id(), 7));
            h.run();
            assertTrue(h.clientJoins().isEmpty(), "REMOVE_ADDR(7) closes the client's join to s.a2");
            assertTrue(h.serverConn().announced().isEmpty(), "the withdrawn address is no longer announced");
        }
        // a join to the initial subflow's address, never announced, carries id 0 (RFC 8684 3.2)
        Hosts h = joined(31);
        MptcpOption.MpJoinSynAck synAck = h.log.stream().filter(x -> x.src().equals(Hosts.addr("s.a1")))
                .flatMap(x -> Hosts.option(x, MptcpOption.MpJoinSynAck.class).stream()).findFirst().orElseThrow();
        assertEquals(0, synAck.addressId());
    }

    @Test
    void resetOfTheInitialSubflowKeepsTheConnectionOnItsJoin() {
        Hosts h = joined(23);
        Connection s = h.serverConn();
        deliverToServer(h, fromClient(s.initial(), s.peerIsn() + 1, TcpSegment.RST, List.of()));
        assertEquals(ConnPhase.ESTABLISHED, h.serverConn().phase(), "Linux keeps the connection on its other subflows");
        assertFalse(h.serverConn().initialOpen());
        assertEquals(1, h.serverJoins().size());
        // the connection still acts: a valid MP_FASTCLOSE on the join closes it and resets the join
        Subflow join = h.serverJoins().get(0);
        deliverToServer(h, fromClient(join.tuple(), join.peerIsn() + 1, TcpSegment.ACK,
                List.of(new MptcpOption.MpFastClose(0, s.keys().localKey()))));
        assertEquals(ConnPhase.CLOSED, h.serverConn().phase());
        assertTrue(h.last("s", TcpSegment.RST).filter(r -> r.dst().equals(join.tuple().remoteAddr())).isPresent());
    }

    @Test
    void resetOfTheOnlySubflowStillClosesTheConnection() {
        Hosts h = new Hosts(new Rfc8684(), 24);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        Connection s = h.serverConn();
        deliverToServer(h, fromClient(s.initial(), s.peerIsn() + 1, TcpSegment.RST, List.of()));
        assertEquals(ConnPhase.CLOSED, h.serverConn().phase());
    }

    @Test
    void fastCloseOnARstClosesTheConnectionAndResetsTheOtherSubflows() {
        Hosts h = joined(25);
        Connection s = h.serverConn();
        int before = h.log.size();
        deliverToServer(h, fromClient(s.initial(), s.peerIsn() + 1, TcpSegment.RST,
                List.of(new MptcpOption.MpFastClose(0, s.keys().localKey()))));
        assertEquals(ConnPhase.CLOSED, h.serverConn().phase(), "RFC 8684 3.5: RST + MP_FASTCLOSE closes the connection");
        List<TcpSegment> resets = h.log.subList(before, h.log.size()).stream()
                .filter(x -> x.has(TcpSegment.RST) && x.src().equals(s.initial().localAddr())).toList();
        assertEquals(1, resets.size(), "one RST, on the join (not on the subflow that carried the RST): " + resets);
        assertEquals(Hosts.addr("c1.a2"), resets.get(0).dst());
    }

    @Test
    void fastCloseOnARstWithAWrongKeyClosesOnlyThatSubflow() {
        Hosts h = joined(26);
        Connection s = h.serverConn();
        deliverToServer(h, fromClient(s.initial(), s.peerIsn() + 1, TcpSegment.RST,
                List.of(new MptcpOption.MpFastClose(0, s.keys().localKey() ^ 1))));
        assertEquals(ConnPhase.ESTABLISHED, h.serverConn().phase());
        assertEquals(1, h.serverJoins().size());
    }

    @Test
    void removeAddrClosesTheSubflowWhoseJoinCarriedThatAddressId() {
        Hosts h = joined(27);
        Connection s = h.serverConn();
        int id = h.serverJoins().get(0).remoteAddrId();
        assertEquals(1, id, "the join from c1.a2 carried address id 1 (c1's second address)");
        assertTrue(s.remoteAddrs().isEmpty(), "the server never accepted an ADD_ADDR for it");
        deliverToServer(h, fromClient(s.initial(), s.peerIsn() + 1, TcpSegment.ACK,
                List.of(new MptcpOption.RemoveAddr(List.of(id)))));
        assertTrue(h.serverJoins().isEmpty(), "Linux closes subflows by remote address id");
        assertEquals(ConnPhase.ESTABLISHED, h.serverConn().phase());
        assertTrue(h.clientJoins().isEmpty(), "the server's FIN reached the client");
    }

    @Test
    void removeAddrZeroClosesTheInitialSubflowOnly() {
        Hosts h = joined(28);
        Subflow join = h.serverJoins().get(0);
        deliverToServer(h, fromClient(join.tuple(), join.peerIsn() + 1, TcpSegment.ACK,
                List.of(new MptcpOption.RemoveAddr(List.of(0)))));
        assertFalse(h.serverConn().initialOpen());
        assertEquals(ConnPhase.ESTABLISHED, h.serverConn().phase());
        assertEquals(1, h.serverJoins().size());
    }

    @Test
    void mpPrioMarksTheSubflowItArrivedOn() {
        Hosts h = joined(29);
        Subflow join = h.serverJoins().get(0);
        assertFalse(join.peerBackup());
        deliverToServer(h, fromClient(join.tuple(), join.peerIsn() + 1, TcpSegment.ACK,
                List.of(new MptcpOption.MpPrio(true, OptionalInt.empty()))));
        assertTrue(h.serverJoins().get(0).peerBackup(), "the join is backup now");
        assertFalse(h.serverConn().initialPeerBackup(), "the initial subflow is not");
        Connection s = h.serverConn();
        deliverToServer(h, fromClient(s.initial(), s.peerIsn() + 1, TcpSegment.ACK,
                List.of(new MptcpOption.MpPrio(true, OptionalInt.empty()))));
        assertTrue(h.serverConn().initialPeerBackup());
        deliverToServer(h, fromClient(join.tuple(), join.peerIsn() + 1, TcpSegment.ACK,
                List.of(new MptcpOption.MpPrio(false, OptionalInt.empty()))));
        assertFalse(h.serverJoins().get(0).peerBackup(), "and regular again");
    }

    /** The reference sends MP_PRIO itself (path-manager event), on the initial subflow, and its peer acts on it. */
    @Test
    void theReferenceSendsMpPrioOnItsInitialSubflow() {
        Hosts h = joined(31);
        h.event("c1", new Event.SetBackup(h.clientConn().id(), true));
        h.run();
        assertTrue(h.serverConn().initialPeerBackup(), "the server marks the initial subflow backup");
        assertFalse(h.serverJoins().get(0).peerBackup(), "and only it");
        h.event("c1", new Event.SetBackup(h.clientConn().id(), false));
        h.run();
        assertFalse(h.serverConn().initialPeerBackup(), "regular again");
    }

    /** The reference resets its own initial subflow: both sides keep the connection on the join. */
    @Test
    void theReferenceResetsItsInitialSubflowAndBothSidesKeepTheConnection() {
        Hosts h = joined(32);
        h.event("c1", new Event.ResetInitial(h.clientConn().id()));
        h.run();
        assertTrue(h.last("c1", TcpSegment.RST).isPresent(), "a RST on the wire");
        assertFalse(h.clientConn().initialOpen());
        assertFalse(h.serverConn().initialOpen());
        assertEquals(ConnPhase.ESTABLISHED, h.clientConn().phase());
        assertEquals(ConnPhase.ESTABLISHED, h.serverConn().phase());
        h.event("c1", new Event.FastClose(h.clientConn().id()));
        h.run();
        assertEquals(ConnPhase.CLOSED, h.serverConn().phase(), "the MP_FASTCLOSE went over the join");
    }

    @Test
    void linuxLimitsAllowHalfOpenJoinsAndRefuseTheThirdAckBeyondSubflows() {
        Hosts h = new Hosts(new Rfc8684(), 30, JoinLimits.linux(1));
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        h.join();
        assertEquals(1, h.serverJoins().size());
        h.join();
        assertEquals(1, h.serverJoins().size(), "the second join is refused: subflows limit 1");
        assertEquals(OptionalInt.of(MptcpEndpoint.RST_PROHIBITED), h.last("s", TcpSegment.RST)
                .flatMap(r -> Hosts.option(r, MptcpOption.MpTcpRst.class))
                .map(r -> OptionalInt.of(r.reason())).orElse(OptionalInt.empty()), "at the third ACK, reason 3");
        assertTrue(h.state.get("s").halfOpen().isEmpty());
        // half-open joins are not bounded per connection
        h.tamper = s -> s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK) ? null : s;
        for (int i = 0; i < 5; i++) {
            h.join();
        }
        assertEquals(5, h.state.get("s").halfOpen().size());
    }
}
