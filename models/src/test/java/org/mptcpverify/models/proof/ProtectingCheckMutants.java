package org.mptcpverify.models.proof;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.Mutants;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.vocab.PropertyId;

/**
 * Test fixture shared by the proof tests: the built-in definitions, and bound-key's mutants that each
 * drop the one check protecting a proved cell (the bound mode's HMAC or key check of the message the
 * property judges), paired with that cell. A proof that still succeeds on one of them proves nothing.
 */
public final class ProtectingCheckMutants {
    /** A mutant and the cell whose proof its dropped check protects. */
    public record Case(Mutants.Mutant mutant, String attack, PropertyId property) {}

    /** Message of the dropped check -> the cell (attack, property) that rests on it. */
    private static final Map<String, Map.Entry<String, PropertyId>> PROTECTED_CELL = Map.of(
            "join-ack", Map.entry("eavesdrop-all", PropertyId.JOIN_AUTHENTICITY),
            "add-addr-b", Map.entry("add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
            // the client's check of a join's SYN/ACK + MP_JOIN HMAC (JoinAnswerAuthenticity)
            "join-syn-ack", Map.entry("add-addr-mitm", PropertyId.JOIN_ANSWER_AUTHENTICITY),
            "fast-close-a", Map.entry("fastclose-forge", PropertyId.CLOSE_AUTHENTICITY));

    private ProtectingCheckMutants() {}

    /** A built-in scheme's definition, read from the models module's {@code schemes/} folder. */
    public static SchemeDefinition definition(String scheme) throws Exception {
        return DefinitionParser.parse(Path.of("schemes", scheme + ".scheme"));
    }

    /** bound-key's mutants that drop a protecting check, in the definition's order (one per protected message). */
    public static List<Case> boundKey() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Mutants.Mutant m : Mutants.of(definition("bound-key"))) {
            Map.Entry<String, PropertyId> cell = PROTECTED_CELL.get(m.message());
            if (m.kind() == Mutants.Kind.UNCHECKED && "bound".equals(m.mode()) && cell != null) {
                cases.add(new Case(m, cell.getKey(), cell.getValue()));
            }
        }
        return cases;
    }

    /**
     * The control of the two-client population: bound-key with its client's bound MP_FASTCLOSE keyed
     * by the application key K instead of the connection key Kc, so that one client's MP_FASTCLOSE
     * also closes another client's connection (a replay across connections). Safe for one client.
     */
    public static SchemeDefinition connectionIndependentFastclose() throws Exception {
        String text = java.nio.file.Files.readString(Path.of("schemes", "bound-key.scheme"));
        String bound = "field key = truncL(64, hmac(Kc, cat(\"bk-close\", \"A\")))";
        if (!text.contains(bound)) {
            throw new IllegalStateException("bound-key's MP_FASTCLOSE template changed: update this control");
        }
        return DefinitionParser.parse("bound-key-k-close.scheme",
                text.replace(bound, "field key = truncL(64, hmac(K, cat(\"bk-close\", \"A\")))"));
    }

    /**
     * The mirror directions (docs/proofs.md, "Both ends"): the server's check of the client's
     * ADD_ADDR and the client's check of the server's MP_FASTCLOSE, each paired with the cell whose
     * other end rests on it.
     */
    private static final Map<String, Map.Entry<String, PropertyId>> PROTECTED_OTHER_END = Map.of(
            "add-addr-a", Map.entry("add-addr-mitm", PropertyId.ADDR_AUTHENTICITY),
            "fast-close-b", Map.entry("fastclose-forge", PropertyId.CLOSE_AUTHENTICITY));

    /** bound-key's mutants that drop the bound mode's check of a mirror message, in the definition's order. */
    public static List<Case> boundKeyOtherEnd() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Mutants.Mutant m : Mutants.of(definition("bound-key"))) {
            Map.Entry<String, PropertyId> cell = PROTECTED_OTHER_END.get(m.message());
            if (m.kind() == Mutants.Kind.UNCHECKED && "bound".equals(m.mode()) && cell != null) {
                cases.add(new Case(m, cell.getKey(), cell.getValue()));
            }
        }
        return cases;
    }

    /** How many mirror messages {@link #boundKeyOtherEnd} covers. */
    public static int protectedOtherEnds() {
        return PROTECTED_OTHER_END.size();
    }

    /** How many messages the fixture's mutants protect: each test must see exactly this many. */
    public static int protectedMessages() {
        return PROTECTED_CELL.size();
    }
}
