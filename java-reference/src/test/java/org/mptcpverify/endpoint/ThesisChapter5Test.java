package org.mptcpverify.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.ThesisXorGlobal;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;
import org.mptcpverify.wire.TcpSegment;

/** The thesis's Chapter 5 experiments, on thesis-xor-global (the key set by bind()/connect() from sin_zero). */
class ThesisChapter5Test {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);

    static Hosts run(KeySetting server, KeySetting client) {
        Hosts h = new Hosts(new ThesisXorGlobal(), SEED);
        h.bind(server);
        h.connect(client);
        h.join();
        return h;
    }

    static KeySetting noKey() {
        return new KeySetting.SinZero(Bytes.of(new byte[8])); // sin_zero left zeroed: kstrtoul fails, key stays 0
    }

    static int joinField(Hosts h) {
        return h.log.stream().map(s -> Hosts.option(s, MpJoinSyn.class)).flatMap(Optional::stream).findFirst()
                .orElseThrow().receiverToken();
    }

    @Test
    void sameKeyOnBothSidesTheSecondSubflowJoins() {
        Hosts h = run(KeySetting.SinZero.decimal(20190101), KeySetting.SinZero.decimal(20190101));
        assertEquals(1, h.serverJoins().size());
        assertEquals(1, h.clientJoins().size());
        int tokenB = h.clientConn().keys().remoteToken();
        assertEquals(tokenB ^ 20190101, joinField(h), "the join SYN carries Token-B XOR key");
    }

    @Test
    void differentKeysNoJoin() {
        Hosts h = run(KeySetting.SinZero.decimal(1111), KeySetting.SinZero.decimal(2222));
        assertTrue(h.serverConn().isMptcp() && h.clientConn().isMptcp(), "the first subflow is MPTCP (Figure 5.10)");
        assertTrue(h.serverJoins().isEmpty());
        assertTrue(h.clientJoins().isEmpty(), "the join stops at the SYN (Figure 5.11)");
        assertTrue(h.last("s", TcpSegment.RST).isPresent());
    }

    @Test
    void noKeysJoinsAsPlainMptcp() {
        Hosts h = run(noKey(), noKey());
        assertEquals(1, h.serverJoins().size(), "backward compatible (Figure 5.12)");
        assertEquals(h.clientConn().keys().remoteToken(), joinField(h), "plain Token-B");
    }

    @Test
    void clientKeyOnlyTheJoinIsReset() {
        Hosts h = run(noKey(), KeySetting.SinZero.decimal(4242));
        assertTrue(h.serverConn().isMptcp() && h.clientConn().isMptcp());
        assertTrue(h.serverJoins().isEmpty());
        assertTrue(h.clientJoins().isEmpty());
        assertTrue(h.last("s", TcpSegment.RST).isPresent(), "Figure 5.13 shows a RST");
        assertTrue(h.state.get("c1").subflows().isEmpty(), "the client dropped its join on the RST");
    }
}
