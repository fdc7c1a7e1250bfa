package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Rfc8684;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/**
 * RFC 8684 3.7, receive side, in the reference: MP_FAIL on an ACK of the only subflow makes the
 * receiver fall back to an infinite mapping (it answers with one at the failed DSN), the infinite
 * mapping makes its receiver fall back too, and a fallen-back connection takes no more joins or
 * MPTCP signals. With a join up, MP_FAIL comes on a RST and closes only that subflow.
 */
class FallbackTest {
    private static final long FAILED_DSN = 0x0123_4567_89ab_cdefL;

    private static TcpSegment fromClient(Tuple serverSide, long seq, long ack, int flags, MptcpOption option) {
        return new TcpSegment(serverSide.remoteAddr(), serverSide.localAddr(), serverSide.remotePort(),
                serverSide.localPort(), seq, ack, flags, 65535, List.of(new TcpSegment.TcpOption.Mptcp(option)), Bytes.empty());
    }

    private static Hosts connected(long seed) {
        Hosts h = new Hosts(new Rfc8684(), seed);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        return h;
    }

    @Test
    void mpFailOnTheOnlySubflowMakesBothSidesFallBackToAnInfiniteMapping() {
        Hosts h = connected(51);
        Connection s = h.serverConn();
        int logged = h.log.size();
        h.inFlight.add(fromClient(s.initial(), s.peerIsn() + 1, s.isn() + 1, TcpSegment.ACK, new MptcpOption.MpFail(FAILED_DSN)));
        h.run();
        assertFalse(h.serverConn().isMptcp(), "the receiver of MP_FAIL fell back");
        assertEquals(ConnPhase.ESTABLISHED, h.serverConn().phase(), "the connection goes on as plain TCP");
        MptcpOption.Dss infinite = h.log.subList(logged, h.log.size()).stream()
                .filter(x -> org.mptcpverify.net.Addresses.actorOf(x.src()).equals("s"))
                .flatMap(x -> Hosts.option(x, MptcpOption.Dss.class).stream()).findFirst().orElseThrow();
        assertEquals(0, infinite.dataLevelLength().getAsInt(), "RFC 8684 3.3.1: data-level length 0");
        assertEquals(0, infinite.subflowSequence().getAsLong());
        assertEquals(FAILED_DSN, infinite.dataSequence().getAsLong(), "at the DSN the MP_FAIL named");
        assertFalse(h.clientConn().isMptcp(), "the client fell back on the infinite mapping");

        // no more MPTCP on it: a join is neither opened nor accepted, an ADD_ADDR is not sent
        int before = h.log.size();
        h.join();
        assertTrue(h.log.subList(before, h.log.size()).stream().noneMatch(x -> Hosts.option(x, MptcpOption.MpJoinSyn.class).isPresent()),
                "the fallen-back client opens no join");
        h.event("s", new Event.Advertise(h.serverConn().id(), 2, Hosts.addr("s.a2")));
        h.run();
        assertTrue(h.log.subList(before, h.log.size()).stream().noneMatch(x -> Hosts.option(x, MptcpOption.AddAddr.class).isPresent()),
                "the fallen-back server announces nothing");
    }

    @Test
    void withAJoinUpAnMpFailOnAnAckIsNotActedOnAndOneOnARstClosesItsSubflowOnly() {
        Hosts h = connected(52);
        h.join();
        assertEquals(1, h.serverJoins().size(), "set-up: one join");
        Connection s = h.serverConn();
        h.inFlight.add(fromClient(s.initial(), s.peerIsn() + 1, s.isn() + 1, TcpSegment.ACK, new MptcpOption.MpFail(FAILED_DSN)));
        h.run();
        assertTrue(h.serverConn().isMptcp(), "MP_FAIL on an ACK with another subflow up: no fallback");
        assertEquals(1, h.serverJoins().size());
        Subflow join = h.serverJoins().get(0);
        h.inFlight.add(fromClient(join.tuple(), join.peerIsn() + 1, 0, TcpSegment.RST, new MptcpOption.MpFail(FAILED_DSN)));
        h.run();
        assertTrue(h.serverJoins().isEmpty(), "RST + MP_FAIL closes the join");
        assertTrue(h.serverConn().isMptcp() && h.serverConn().established(), "the connection stays MPTCP on its initial subflow");
    }

    @Test
    void anInfiniteMappingFromThePeerIsAFallbackWithoutReply() {
        Hosts h = connected(53);
        Connection s = h.serverConn();
        int logged = h.log.size();
        h.inFlight.add(fromClient(s.initial(), s.peerIsn() + 1, s.isn() + 1, TcpSegment.ACK,
                MptcpEndpoint.infiniteMapping(FAILED_DSN)));
        h.run();
        assertFalse(h.serverConn().isMptcp());
        assertEquals(logged + 1, h.log.size(), "nothing sent in answer");
    }
}
