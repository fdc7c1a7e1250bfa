package org.mptcpverify.scheme;

import org.mptcpverify.vocab.SchemeId;

/** The implementation of each scheme. */
public final class Schemes {
    private Schemes() {}

    public static AuthScheme of(SchemeId id) {
        return switch (id) {
            case RFC6824 -> new Rfc6824();
            case RFC8684 -> new Rfc8684();
            case THESIS_XOR_GLOBAL -> new ThesisXorGlobal();
            case THESIS_XOR -> new ThesisXor();
            case DRAFT_PAASCH -> new DraftPaasch();
            case DRAFT_PAASCH_UNSIGNALLED -> new DraftPaaschUnsignalled();
            case DRAFT_BAERTS -> new DraftBaerts();
            case DRAFT_BAERTS_LOW_ORDER -> new DraftBaertsLowOrder();
            case BOUND_KEY -> new BoundKey();
            case BROKEN -> new Broken();
            case ECDH -> new Ecdh();
            case MPTLS -> new Mptls();
        };
    }
}
