package org.mptcpverify.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every option record refuses a field outside its wire width: the codec never builds one, so
 * only direct construction reaches these checks (mutation testing found them untested,
 * docs/reliability.md). Each line is one field one past its range.
 */
class OptionRecordChecksTest {
    private static final OptionalLong NO_L = OptionalLong.empty();
    private static final OptionalInt NO_I = OptionalInt.empty();

    private static void refused(Executable e) {
        assertThrows(IllegalArgumentException.class, e);
    }

    @Test
    void fieldsOutsideTheirWidthAreRefused() throws Exception {
        OptionalLong key = OptionalLong.of(1);
        refused(() -> new MptcpOption.MpCapable(2, 0x81, key, NO_L, NO_I, NO_I));
        refused(() -> new MptcpOption.MpCapable(1, 0x100, key, NO_L, NO_I, NO_I));
        refused(() -> new MptcpOption.MpCapable(1, 0x81, NO_L, key, NO_I, NO_I));
        refused(() -> new MptcpOption.MpCapable(1, 0x81, key, NO_L, OptionalInt.of(1), NO_I));
        refused(() -> new MptcpOption.MpCapable(1, 0x81, key, key, NO_I, OptionalInt.of(1)));
        refused(() -> new MptcpOption.MpCapable(1, 0x81, key, key, OptionalInt.of(0x10000), NO_I));
        refused(() -> new MptcpOption.MpCapable(1, 0x81, key, key, OptionalInt.of(1), OptionalInt.of(0x10000)));
        refused(() -> new MptcpOption.MpCapableTokens(2, 0x88, NO_I, NO_I, NO_L));
        refused(() -> new MptcpOption.MpCapableTokens(1, 0x188, NO_I, NO_I, NO_L));
        refused(() -> new MptcpOption.MpCapableTokens(1, 0x88, NO_I, OptionalInt.of(1), NO_L));
        refused(() -> new MptcpOption.MpJoinSyn(16, 0, 0, 0));
        refused(() -> new MptcpOption.MpJoinSyn(0, 256, 0, 0));
        refused(() -> new MptcpOption.MpJoinSynAck(16, 0, 0, 0));
        refused(() -> new MptcpOption.MpJoinSynAck(0, 256, 0, 0));
        int a = MptcpOption.Dss.F_ACK;
        int m = MptcpOption.Dss.F_MAPPING;
        OptionalLong big = OptionalLong.of(0x1_0000_0000L);
        refused(() -> new MptcpOption.Dss(0x20, NO_L, NO_L, NO_L, NO_I, NO_I));
        refused(() -> new MptcpOption.Dss(a, big, NO_L, NO_L, NO_I, NO_I));
        refused(() -> new MptcpOption.Dss(m, NO_L, big, key, OptionalInt.of(1), NO_I));
        refused(() -> new MptcpOption.Dss(m, NO_L, key, big, OptionalInt.of(1), NO_I));
        refused(() -> new MptcpOption.Dss(m, NO_L, key, key, OptionalInt.of(0x10000), NO_I));
        refused(() -> new MptcpOption.Dss(m, NO_L, key, key, OptionalInt.of(1), OptionalInt.of(0x10000)));
        InetAddress v4 = InetAddress.getByName("10.0.0.1");
        OptionalLong hmac = OptionalLong.of(7);
        refused(() -> new MptcpOption.AddAddr(1, 16, 0, v4, NO_I, hmac));
        refused(() -> new MptcpOption.AddAddr(1, 0, 256, v4, NO_I, hmac));
        refused(() -> new MptcpOption.AddAddr(1, 0, 0, v4, OptionalInt.of(0x10000), hmac));
        refused(() -> new MptcpOption.RemoveAddr(List.of(256)));
        refused(() -> new MptcpOption.MpPrio(true, OptionalInt.of(256)));
        refused(() -> new MptcpOption.MpFastClose(16, 0));
        refused(() -> new MptcpOption.MpTcpRst(16, 0));
        refused(() -> new MptcpOption.MpTcpRst(0, 256));
        refused(() -> new MptcpOption.NewKey(16, 0));
    }
}
