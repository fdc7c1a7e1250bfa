package org.mptcpverify.vocab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every authentication scheme under test, by the name it carries in every engine, the CLI,
 * the JSON output and the docs. Variants of a draft reading are separate values named
 * {@code design/reading}. {@link #BROKEN} is the negative control: it must fail every property.
 */
public enum SchemeId {
    RFC6824("rfc6824", false),
    RFC8684("rfc8684", false),
    THESIS_XOR_GLOBAL("thesis-xor-global", true),
    THESIS_XOR("thesis-xor", true),
    DRAFT_PAASCH("draft-paasch", true),
    DRAFT_PAASCH_UNSIGNALLED("draft-paasch/unsignalled", true),
    DRAFT_BAERTS("draft-baerts", true),
    DRAFT_BAERTS_LOW_ORDER("draft-baerts/low-order", true),
    BOUND_KEY("bound-key", true),
    BROKEN("broken", true);

    private final String wireName;
    private final boolean usesExternalKey;

    SchemeId(String wireName, boolean usesExternalKey) {
        this.wireName = wireName;
        this.usesExternalKey = usesExternalKey;
    }

    /** The shared name, e.g. {@code draft-baerts/low-order}. */
    public String wireName() {
        return wireName;
    }

    /** Whether the scheme authenticates with an application-supplied external key. */
    public boolean usesExternalKey() {
        return usesExternalKey;
    }

    /** The schemes of the verdict matrix: every scheme except the negative control. */
    public static List<SchemeId> matrixSchemes() {
        return Arrays.stream(values()).filter(s -> s != BROKEN).toList();
    }

    public static Optional<SchemeId> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
