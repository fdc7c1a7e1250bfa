package org.mptcpverify.models.alloy;

import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/** Shared vocabulary names as Alloy identifiers: '-' and '/' are not legal there, '_' is. */
final class AlloyNames {
    private AlloyNames() {
    }

    static String of(SchemeId scheme) {
        return ident(scheme.wireName());
    }

    static String of(AttackId attack) {
        return ident(attack.wireName());
    }

    private static String ident(String wireName) {
        return wireName.replace('-', '_').replace('/', '_');
    }
}
