package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.SchemeId;

/**
 * The mutants of every built-in definition: one per check statement and one per once-lookup, each
 * differing from the original in exactly that statement, with distinct valid names that the
 * reference accepts as schemes of their own.
 */
class MutantsTest {
    @Test
    void oneMutantPerCheckAndPerOnceLookup() {
        for (SchemeId id : SchemeId.values()) {
            SchemeDefinition d = BuiltInDefinitions.of(id);
            List<Mutants.Mutant> ms = Mutants.of(d);
            long checks = d.messages().stream().flatMap(m -> m.body().stream()).filter(Stmt.Check.class::isInstance).count();
            long once = d.messages().stream().flatMap(m -> m.body().stream())
                    .filter(s -> s instanceof Stmt.Lookup l && l.once()).count();
            assertEquals(checks + once, ms.size(), id.wireName());
            assertTrue(checks > 0, id + " has checks to mutate");
            Set<String> names = new HashSet<>();
            for (Mutants.Mutant m : ms) {
                assertTrue(names.add(m.name()), "distinct names: " + m.name());
                assertTrue(m.name().startsWith(id.wireName() + "~"), m.name());
                assertTrue(SchemeId.validName(m.name()), m.name());
                SchemeId mid = DefinedScheme.idOf(m.definition());
                assertTrue(!mid.builtIn() && !mid.modelled(), "a mutant is a scheme of its own: " + mid);
                assertEquals(id.usesExternalKey(), mid.usesExternalKey(), "key control carries over: " + mid);
                assertEquals(id.agreesKey(), mid.agreesKey(), "key control carries over: " + mid);
                assertEquals(1, changedStatements(d, m.definition()), m.name());
            }
        }
    }

    @Test
    void aDuplicatedCheckGivesTwoNumberedMutants() throws Exception {
        String check = "  check receiver-key == Kb else tcp\n";
        String text = java.nio.file.Files.readString(BuiltInDefinitions.file(SchemeId.RFC8684));
        assertTrue(text.contains(check));
        List<String> names = Mutants.of(DefinitionParser.parse("dup.scheme", text.replace(check, check + check))).stream()
                .map(Mutants.Mutant::mutation).filter(n -> n.startsWith("unchecked.ack.")).toList();
        assertEquals(List.of("unchecked.ack.receiver-key", "unchecked.ack.receiver-key.2"), names);
    }

    private static int changedStatements(SchemeDefinition a, SchemeDefinition b) {
        int changed = 0;
        for (int i = 0; i < a.messages().size(); i++) {
            List<Stmt> x = a.messages().get(i).body();
            List<Stmt> y = b.messages().get(i).body();
            if (x.size() != y.size()) {
                changed += x.size() - y.size();
                assertTrue(x.containsAll(y), "only a removal");
            } else {
                for (int k = 0; k < x.size(); k++) {
                    if (!x.get(k).equals(y.get(k))) changed++;
                }
            }
        }
        return changed;
    }
}
