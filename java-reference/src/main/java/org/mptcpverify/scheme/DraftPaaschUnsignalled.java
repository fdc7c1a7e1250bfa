package org.mptcpverify.scheme;

import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.MptcpOption;

/**
 * draft-paasch, unsignalled reading: nothing on the wire says app keys are in use; each side keys
 * its join HMACs with K when its own application enabled MPTCP_ENABLE_APP_KEY.
 */
public final class DraftPaaschUnsignalled extends DraftPaasch {
    @Override
    public SchemeId id() {
        return SchemeId.DRAFT_PAASCH_UNSIGNALLED;
    }

    @Override
    protected int capableFlags(ConnKeys k) {
        return MptcpOption.FLAG_H_HMAC;
    }

    /** Nothing is signalled, so no third ACK is of another mode. */
    @Override
    protected int modeFlag() {
        return 0;
    }

    @Override
    protected boolean extModeFrom(ConnKeys keys, int peerFlags) {
        return keys.hasExtKey();
    }
}
