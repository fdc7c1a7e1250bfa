package org.mptcpverify.scheme;

import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.MptcpOption;

/**
 * draft-paasch-mptcp-ssl-00 as the thesis describes it (the favourable reading): v0 wire with keys
 * in clear (they identify), app-key use signalled with MP_CAPABLE flag bit 1 on SYN, SYN/ACK and
 * third ACK, and the join HMACs keyed with the application key K when both sides signalled.
 * ADD_ADDR and MP_FASTCLOSE are v0's.
 */
public class DraftPaasch extends KeyedMptcp {
    /** Flag bit 1 of the v0 MP_CAPABLE flags, otherwise unused in v0. */
    public static final int FLAG_APP_KEY = 0x02;

    public DraftPaasch() {
        super(0);
    }

    @Override
    public SchemeId id() {
        return SchemeId.DRAFT_PAASCH;
    }

    @Override
    protected int capableFlags(ConnKeys k) {
        boolean signal = k.role() == Role.A && !k.hasRemoteKey() ? k.hasExtKey() : k.extMode();
        return MptcpOption.FLAG_H_HMAC | (signal ? FLAG_APP_KEY : 0);
    }

    @Override
    protected int modeFlag() {
        return FLAG_APP_KEY;
    }

    @Override
    protected boolean extModeFrom(ConnKeys keys, int peerFlags) {
        return keys.hasExtKey() && (peerFlags & FLAG_APP_KEY) != 0;
    }

    @Override
    protected byte[] joinMacKeyB(ConnKeys k) {
        return k.extMode() ? k.extKey().toArray() : super.joinMacKeyB(k);
    }

    @Override
    protected byte[] joinMacKeyA(ConnKeys k) {
        return k.extMode() ? k.extKey().toArray() : super.joinMacKeyA(k);
    }
}
