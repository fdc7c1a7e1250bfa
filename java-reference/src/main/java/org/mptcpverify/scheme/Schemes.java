package org.mptcpverify.scheme;

import org.mptcpverify.vocab.SchemeId;

/** The implementation of each scheme. */
public final class Schemes {
    private Schemes() {}

    /**
     * The hand-written implementation of a built-in scheme.
     *
     * @throws IllegalArgumentException for a scheme known only by its definition (run it with
     *                                  {@code DefinedScheme})
     */
    public static AuthScheme of(SchemeId id) {
        if (id.equals(SchemeId.RFC6824)) return new Rfc6824();
        if (id.equals(SchemeId.RFC8684)) return new Rfc8684();
        if (id.equals(SchemeId.THESIS_XOR_GLOBAL)) return new ThesisXorGlobal();
        if (id.equals(SchemeId.THESIS_XOR)) return new ThesisXor();
        if (id.equals(SchemeId.DRAFT_PAASCH)) return new DraftPaasch();
        if (id.equals(SchemeId.DRAFT_PAASCH_UNSIGNALLED)) return new DraftPaaschUnsignalled();
        if (id.equals(SchemeId.DRAFT_BAERTS)) return new DraftBaerts();
        if (id.equals(SchemeId.DRAFT_BAERTS_LOW_ORDER)) return new DraftBaertsLowOrder();
        if (id.equals(SchemeId.BOUND_KEY)) return new BoundKey();
        if (id.equals(SchemeId.BROKEN)) return new Broken();
        if (id.equals(SchemeId.ECDH)) return new Ecdh();
        if (id.equals(SchemeId.MPTLS)) return new Mptls();
        if (id.equals(SchemeId.THESIS_XOR_LE)) return new ThesisXor(true);
        if (id.equals(SchemeId.THESIS_XOR_GLOBAL_LE)) return new ThesisXorGlobal(true);
        if (id.equals(SchemeId.MPTCPSEC)) return new MptcpSec();
        throw new IllegalArgumentException("scheme " + id + " has no hand-written implementation; it runs from its definition");
    }
}
