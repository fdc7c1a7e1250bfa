package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.scheme.ThesisXor;
import org.mptcpverify.scheme.ThesisXorGlobal;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.TcpSegment;

/**
 * The thesis's host-wide state (Appendix A, Listing A.1: {@code extern int token_tnb}, {@code extern
 * long external_key_tnb}) is one variable per host, shared by every connection and every process:
 * whatever creates a connection on the server moves {@code token_tnb}, and Listing A.7 then accepts
 * joins for that connection only. Each case runs on {@code thesis-xor-global} and, as its control,
 * on {@code thesis-xor} (key per socket, lookup per connection), where the same events leave the
 * join working.
 */
class ThesisHostStateTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261201L);
    static final KeySetting KEY = KeySetting.SinZero.decimal(31415926);

    static Hosts established(AuthScheme scheme) {
        Hosts h = new Hosts(scheme, SEED);
        h.bind(KEY);
        h.connect(KEY);
        assertTrue(h.serverConn().established() && h.serverConn().isMptcp(), "the first subflow is MPTCP");
        return h;
    }

    /** A SYN + MP_CAPABLE from a source the attacker does not own (no answer reaches it): a blind, off-path SYN. */
    static void spoofedCapableSyn(Hosts h) {
        TcpSegment own = h.log.stream().filter(s -> s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK)).findFirst().orElseThrow();
        MpCapable opt = Hosts.option(own, MpCapable.class).orElseThrow();
        MpCapable forged = new MpCapable(opt.version(), opt.flags(), OptionalLong.of(0x0123456789abcdefL),
                OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
        TcpSegment syn = new TcpSegment(Addresses.of("x.a"), own.dst(), 40000, own.dstPort(), 7, 0, TcpSegment.SYN, 65535,
                List.of(new TcpSegment.TcpOption.Mptcp(forged)), own.payload());
        h.inFlight.add(syn);
        h.run(); // the SYN/ACK goes to x.a, which is no host here: dropped
    }

    /** The client's join on connection {@code connId}, from its second address. */
    static void joinOn(Hosts h, int connId) {
        h.event("c1", new Event.Join(connId, Addresses.of("c1.a2"), Addresses.of("s.a1"), 80, h.rnd.nextLong()));
        h.run();
    }

    static List<Connection> serverConns(Hosts h) {
        return h.state.get("s").connections().values().stream().filter(c -> c.role() == Role.B).toList();
    }

    @Test
    void aSpoofedCapableSynMovesTokenTnbAndTheClientsJoinIsDropped() {
        Hosts h = established(new ThesisXorGlobal());
        int before = h.state.get("s").hostKeys().tokenTnb();
        assertEquals(h.serverConn().keys().localToken(), before, "token_tnb: the token of the connection just created");
        spoofedCapableSyn(h);
        List<Connection> conns = serverConns(h);
        assertEquals(2, conns.size(), "the spoofed SYN created a half-open connection on the server");
        Connection spoofed = conns.get(1);
        assertEquals(ConnPhase.SYN_RCVD, spoofed.phase());
        assertEquals(spoofed.keys().localToken(), h.state.get("s").hostKeys().tokenTnb(),
                "one SYN from any source re-points the host-wide token_tnb");
        joinOn(h, h.clientConn().id());
        assertTrue(h.state.get("s").establishedJoins(conns.get(0).id()).isEmpty(), "the legitimate join is dropped");
        assertTrue(h.clientJoins().isEmpty());
    }

    @Test
    void controlPerSocketKeyTheSameSynChangesNothing() {
        Hosts h = established(new ThesisXor());
        spoofedCapableSyn(h);
        assertEquals(2, serverConns(h).size());
        joinOn(h, h.clientConn().id());
        assertEquals(1, h.state.get("s").establishedJoins(serverConns(h).get(0).id()).size(), "thesis-xor joins");
        assertEquals(1, h.clientJoins().size());
    }

    @Test
    void twoConnectionsOfOneApplicationOnlyTheNewestJoins() {
        for (AuthScheme scheme : List.of(new ThesisXorGlobal(), new ThesisXor())) {
            Hosts h = established(scheme);
            int first = h.clientConn().id();
            h.connect(KEY); // a second connect() of the same application (same key, same host variable)
            int second = h.clientConn().id();
            assertNotEquals(first, second);
            List<Connection> conns = serverConns(h);
            assertEquals(2, conns.size());
            joinOn(h, first);
            joinOn(h, second);
            int joinsFirst = h.state.get("s").establishedJoins(conns.get(0).id()).size();
            int joinsSecond = h.state.get("s").establishedJoins(conns.get(1).id()).size();
            assertEquals(1, joinsSecond, scheme.id() + ": the newest connection joins");
            if (scheme instanceof ThesisXorGlobal) {
                assertEquals(0, joinsFirst, "thesis-xor-global: token_tnb names the newest connection only");
            } else {
                assertEquals(1, joinsFirst, "thesis-xor: every connection keeps its own lookup");
            }
        }
    }
}
