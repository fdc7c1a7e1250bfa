package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Rfc8684;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;

/** ADD_ADDR (with its echo and the full-mesh join) and REMOVE_ADDR between two endpoints. */
class AddressTest {
    @Test
    void addAddrIsEchoedAndJoinedThenRemoveAddrResetsThatSubflow() {
        Hosts h = new Hosts(new Rfc8684(), 11);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        h.event("s", new Event.Advertise(h.serverConn().id(), 2, Hosts.addr("s.a2")));
        h.run();
        assertEquals(Hosts.addr("s.a2"), h.clientConn().remoteAddrs().get(2));
        assertTrue(h.log.stream().anyMatch(s -> Hosts.option(s, MptcpOption.AddAddr.class)
                .map(a -> (a.flags() & MptcpOption.ADD_ADDR_FLAG_ECHO) != 0).orElse(false)), "the client echoes");
        assertEquals(1, h.clientJoins().size());
        assertEquals(Hosts.addr("s.a2"), h.clientJoins().get(0).tuple().remoteAddr());
        assertEquals(1, h.serverJoins().size());
        h.event("s", new Event.RemoveAddr(h.serverConn().id(), 2));
        h.run();
        assertTrue(h.clientConn().remoteAddrs().isEmpty());
        assertTrue(h.clientJoins().isEmpty());
        assertTrue(h.serverJoins().isEmpty(), "the client's FIN reached the server");
        assertTrue(h.last("c1", TcpSegment.FIN).isPresent(), "closed as Linux does, with a FIN");
    }

    @Test
    void aTamperedAddAddrIsIgnored() {
        Hosts h = new Hosts(new Rfc8684(), 12);
        h.bind(KeySetting.none());
        h.connect(KeySetting.none());
        h.tamper = s -> Hosts.option(s, MptcpOption.AddAddr.class).map(a -> HandshakeJoinTest.withOption(s,
                new MptcpOption.AddAddr(1, 0, a.addressId(), Hosts.addr("x.a"), a.port(), a.truncatedHmac()))).orElse(s);
        h.event("s", new Event.Advertise(h.serverConn().id(), 2, Hosts.addr("s.a2")));
        h.run();
        assertTrue(h.clientConn().remoteAddrs().isEmpty());
        assertTrue(h.state.get("c1").subflows().isEmpty());
    }
}
