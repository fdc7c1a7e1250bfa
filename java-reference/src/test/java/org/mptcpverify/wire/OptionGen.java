package org.mptcpverify.wire;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.mptcpverify.wire.MptcpOption.*;

/** Random valid options of every record type, for round-trip and fuzz tests. */
final class OptionGen {
    static final List<Class<? extends MptcpOption>> TYPES = List.of(MpCapable.class, MpCapableTokens.class,
            MpCapableShare.class, KeyShare.class, MpJoinSyn.class, MpJoinSynAck.class, MpJoinAck.class, Dss.class, AddAddr.class, RemoveAddr.class,
            MpPrio.class, MpFail.class, MpFastClose.class, MpTcpRst.class, NewKey.class);

    private final Random r;

    OptionGen(Random r) {
        this.r = r;
    }

    MptcpOption any() {
        return of(TYPES.get(r.nextInt(TYPES.size())));
    }

    /** Any option of at most {@code max} encoded bytes. */
    MptcpOption fitting(int max) {
        if (max < 3) throw new IllegalArgumentException("no MPTCP option is shorter than 3 bytes");
        while (true) {
            MptcpOption o = any();
            if (OptionCodec.encode(o).length <= max) return o;
        }
    }

    MptcpOption of(Class<? extends MptcpOption> type) {
        if (type == MpCapable.class) return mpCapable();
        if (type == MpCapableTokens.class) return mpCapableTokens();
        if (type == KeyShare.class) return new KeyShare(r.nextInt(16), Bytes.of(bytes(32)));
        if (type == MpCapableShare.class) {
            return new MpCapableShare(1, r.nextInt(256) | MptcpOption.FLAG_E_EXTERNAL_KEY, r.nextInt(256), Bytes.of(bytes(32)));
        }
        if (type == MpJoinSyn.class) return new MpJoinSyn(r.nextInt(16), r.nextInt(256), r.nextInt(), r.nextInt());
        if (type == MpJoinSynAck.class) return new MpJoinSynAck(r.nextInt(16), r.nextInt(256), r.nextLong(), r.nextInt());
        if (type == MpJoinAck.class) return new MpJoinAck(Bytes.of(bytes(20)));
        if (type == Dss.class) return dss();
        if (type == AddAddr.class) return addAddr();
        if (type == RemoveAddr.class) {
            boolean tagged = r.nextBoolean();
            int n = 1 + (r.nextBoolean() ? r.nextInt(4) : r.nextInt(tagged ? 244 : 252));
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) ids.add(r.nextInt(256));
            return new RemoveAddr(ids, tagged ? java.util.OptionalLong.of(r.nextLong()) : java.util.OptionalLong.empty());
        }
        if (type == MpPrio.class) return new MpPrio(r.nextBoolean(), r.nextBoolean() ? OptionalInt.of(r.nextInt(256)) : OptionalInt.empty(),
                r.nextBoolean() ? java.util.OptionalLong.of(r.nextLong()) : java.util.OptionalLong.empty());
        if (type == MpFail.class) return new MpFail(r.nextLong());
        if (type == MpFastClose.class) return new MpFastClose(r.nextInt(16), r.nextLong());
        if (type == MpTcpRst.class) return new MpTcpRst(r.nextInt(16), r.nextInt(256));
        if (type == NewKey.class) return new NewKey(r.nextInt(16), r.nextLong());
        throw new IllegalArgumentException(type.toString());
    }

    private MpCapable mpCapable() {
        int flags = r.nextInt(256);
        if (r.nextBoolean()) {
            return r.nextBoolean() ? MpCapable.withKey(0, flags, r.nextLong())
                    : MpCapable.withKeys(0, flags, r.nextLong(), r.nextLong());
        }
        int layout = r.nextInt(5); // 4, 12, 20, 22, 24 bytes
        int len = new int[] {4, 12, 20, 22, 24}[layout];
        if (MpCapableTokens.isTokenLayout(1, flags, len)) {
            flags &= ~(MptcpOption.FLAG_E_EXTERNAL_KEY | MptcpOption.FLAG_G_BOUND_KEY);
        }
        return new MpCapable(1, flags,
                layout >= 1 ? OptionalLong.of(r.nextLong()) : OptionalLong.empty(),
                layout >= 2 ? OptionalLong.of(r.nextLong()) : OptionalLong.empty(),
                layout >= 3 ? OptionalInt.of(r.nextInt(65536)) : OptionalInt.empty(),
                layout >= 4 ? OptionalInt.of(r.nextInt(65536)) : OptionalInt.empty());
    }

    private MpCapableTokens mpCapableTokens() {
        int flags = r.nextInt(256) | (r.nextBoolean() ? MptcpOption.FLAG_G_BOUND_KEY : MptcpOption.FLAG_E_EXTERNAL_KEY);
        boolean bound = (flags & MptcpOption.FLAG_G_BOUND_KEY) != 0;
        int layout = r.nextInt(3);
        OptionalInt sender = layout >= 1 ? OptionalInt.of(r.nextInt()) : OptionalInt.empty();
        OptionalInt receiver = layout >= 2 ? OptionalInt.of(r.nextInt()) : OptionalInt.empty();
        OptionalLong confirm = bound && layout >= 1 ? OptionalLong.of(r.nextLong()) : OptionalLong.empty();
        return new MpCapableTokens(1, flags, sender, receiver, confirm);
    }

    private Dss dss() {
        int flags = r.nextInt(32);
        OptionalLong ack = OptionalLong.empty();
        if ((flags & Dss.F_ACK) != 0) {
            ack = OptionalLong.of((flags & Dss.F_ACK8) != 0 ? r.nextLong() : r.nextInt() & 0xffffffffL);
        }
        if ((flags & Dss.F_MAPPING) == 0) {
            return new Dss(flags, ack, OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
        long dsn = (flags & Dss.F_DSN8) != 0 ? r.nextLong() : r.nextInt() & 0xffffffffL;
        return new Dss(flags, ack, OptionalLong.of(dsn), OptionalLong.of(r.nextInt() & 0xffffffffL),
                OptionalInt.of(r.nextInt(65536)), r.nextBoolean() ? OptionalInt.of(r.nextInt(65536)) : OptionalInt.empty());
    }

    private AddAddr addAddr() {
        InetAddress a = address(r.nextBoolean());
        int ipVer = a.getAddress().length == 4 ? 4 : 6;
        OptionalInt port = r.nextBoolean() ? OptionalInt.of(r.nextInt(65536)) : OptionalInt.empty();
        int id = r.nextInt(256);
        if (r.nextInt(3) == 0) return new AddAddr(0, ipVer, id, a, port, OptionalLong.empty());
        int flags = r.nextInt(16);
        boolean echo = (flags & MptcpOption.ADD_ADDR_FLAG_ECHO) != 0;
        return new AddAddr(1, flags, id, a, port, echo ? OptionalLong.empty() : OptionalLong.of(r.nextLong()));
    }

    /** A random IPv4 or IPv6 address; some IPv6 ones IPv4-mapped. */
    InetAddress address(boolean v4) {
        byte[] b = bytes(v4 ? 4 : 16);
        if (!v4 && r.nextInt(8) == 0) {
            java.util.Arrays.fill(b, 0, 10, (byte) 0);
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
        }
        return OptionCodec.address(b);
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
