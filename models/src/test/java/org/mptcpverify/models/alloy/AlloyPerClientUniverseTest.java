package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpverify.models.alloy.AlloyTermDag.G;
import org.mptcpverify.models.alloy.AlloyTermDag.Leaf;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The per-client term universe of attacker-free two-client cells (docs/models.md, "The per-client
 * universe"): where it applies it is a part of the full universe without any term that mixes the
 * two clients' atoms; it is refused where a cell's clients can meet (its committed verdict is a
 * violation, or a control's lookup values coincide); every other cell keeps its full universe, so
 * its fingerprint, and the verdicts decided over the full universe stay current.
 */
class AlloyPerClientUniverseTest {
    private static final long SEED = AlloyCoreChecker.DEFAULT_SEED;

    /** The client (1, 2) whose atoms {@code t} contains, as a set: two elements is a mixed term. */
    private static Set<Integer> clientsOf(G t) {
        Set<Integer> out = new HashSet<>();
        if (t instanceof Leaf l) {
            String a = l.atom();
            for (int c = 1; c <= 2; c++) {
                if (a.equals("K" + c) || a.startsWith("N_c" + c + "_") || a.startsWith("N_c" + c + "j")) {
                    out.add(c);
                }
            }
        }
        AlloyTermDag.children(t).forEach(c -> out.addAll(clientsOf(c)));
        return out;
    }

    private static long mixed(AlloyTermDag.Rendered r) {
        return r.terms().values().stream().filter(t -> clientsOf(t).size() > 1).count();
    }

    @Test
    void wherePresentItIsAPartOfTheFullUniverseWithoutMixedTerms() {
        int present = 0;
        for (SchemeId s : AlloyCoreCell.covered()) {
            for (AlloyCoreCell cell : AlloyCoreCell.of(s, AttackId.TWO_KEYS_ONE_HOST)) {
                var per = cell.perClientDag();
                if (per.isEmpty()) {
                    continue;
                }
                present++;
                AlloyTermDag.Rendered full = cell.fullDag();
                assertTrue(full.terms().values().containsAll(per.get().terms().values()), s + ": a term outside the full universe");
                assertEquals(0, mixed(per.get()), s + ": a term with both clients' atoms");
                assertTrue(mixed(full) > 0, s + ": the full universe has mixed terms (else the test's atom names are stale)");
                assertTrue(per.get().terms().size() < full.terms().size(), s + ": nothing pruned");
                assertEquals(full.slotNames(), per.get().slotNames());
                // both clients' keys and connection nonces stay: the cell's population is unchanged
                assertTrue(per.get().terms().containsKey("K1") && per.get().terms().containsKey("K2"), s.wireName());
            }
        }
        assertTrue(present > 0, "no cell has the per-client universe");
        // attacker cells and one-client cells never do
        for (SchemeId s : AlloyCoreCell.covered()) {
            for (AttackId a : List.of(AttackId.EAVESDROP_HANDSHAKE, AttackId.JOIN_DOS, AttackId.LEGIT_JOIN)) {
                AlloyCoreCell.of(s, a).forEach(c -> assertTrue(c.perClientDag().isEmpty(), c.moduleName()));
            }
        }
    }

    /**
     * A committed violation of an attacker-free two-client cell is a meeting of the two clients
     * (without an attacker nothing else can violate a property there), which the per-client
     * universe would hide: such a cell must keep the full universe.
     */
    @Test
    void aCellWhoseClientsMeetKeepsTheFullUniverse() throws Exception {
        Map<String, VerdictCache.Entry> committed = AlloyCoreVerdicts.CACHE.read(AlloyCoreVerdicts.coreDir().resolve("verdicts.json"));
        List<String> violated = new ArrayList<>();
        for (VerdictCache.Entry e : committed.values()) {
            if (e.attack() == AttackId.TWO_KEYS_ONE_HOST && e.verdict() == Verdict.VIOLATED) {
                violated.add(e.scheme().wireName());
                AlloyCoreCell.of(e.scheme(), e.attack()).forEach(c -> assertTrue(c.perClientDag().isEmpty(), c.moduleName()));
            }
        }
        assertFalse(violated.isEmpty(), "no committed violation of two-keys-one-host to check the guard against");
    }

    /** The guard's disjointness test alone: a join token that is the same for every connection is refused. */
    @Test
    void aLookupValueBothClientsShareIsRefused() throws Exception {
        String text = Files.readString(Path.of("schemes", "thesis-xor.scheme"));
        String field = "field token = xor(tokB, K)";
        String lookup = "lookup token == xor(tokB, K)";
        assertTrue(text.contains(field) && text.contains(lookup), "thesis-xor's join SYN changed: update this control");
        SchemeData apart = SchemeDataBuilder.build(DefinitionParser.parse("thesis-xor.scheme", text));
        String shared = "truncL(32, hmac(\"tok\", \"tok\"))";
        SchemeData meet = SchemeDataBuilder.build(DefinitionParser.parse("thesis-xor-shared-token.scheme",
                text.replace(field, "field token = " + shared).replace(lookup, "lookup token == " + shared)));
        AlloyTermDag.Population two = AlloyCoreScope.standard(AttackId.TWO_KEYS_ONE_HOST).population();
        Set<String> live = Set.copyOf(apart.modes().keySet());
        assertTrue(AlloyTermDag.renderPerClient(apart, two, live).isPresent(), "the original keeps its clients apart");
        assertTrue(AlloyTermDag.renderPerClient(meet, two, live).isEmpty(), "a shared join token lets client 1 join client 2");
        // one client: nothing to keep apart
        assertTrue(AlloyTermDag.renderPerClient(apart, new AlloyTermDag.Population(1, two.joins(), two.halfOpen(), two.xatoms()),
                live).isEmpty());
    }

    /**
     * A cell without the per-client universe has one fingerprint, over its full universe; a cell
     * with it accepts the one over its per-client universe first and the one over the full universe
     * (what it was decided over before session 18), and every committed decided entry is current.
     */
    @Test
    void fingerprintsChangeOnlyWhereTheUniverseDoes() throws Exception {
        Path core = AlloyCoreVerdicts.coreDir();
        VerdictCache cache = AlloyCoreVerdicts.CACHE;
        for (VerdictCache.Entry e : cache.read(core.resolve("verdicts.json")).values()) {
            List<AlloyCoreCell> cells = AlloyCoreCell.of(e.scheme(), e.attack());
            List<String> accepted = cache.fingerprint().accepted(e.scheme(), e.attack(), SEED);
            String full = AlloyCoreVerdicts.fingerprint(core, cells, SEED, true);
            assertEquals(cache.fingerprint().of(e.scheme(), e.attack(), SEED), accepted.get(0));
            if (cells.stream().anyMatch(c -> c.perClientDag().isPresent())) {
                assertEquals(List.of(accepted.get(0), full), accepted, e.scheme() + " / " + e.attack());
                assertTrue(!accepted.get(0).equals(full), "the per-client universe is another module");
            } else {
                assertEquals(List.of(full), accepted, e.scheme() + " / " + e.attack());
            }
            if (e.verdict() != Verdict.INCONCLUSIVE) {
                assertTrue(cache.current(e, SEED), e.scheme() + " / " + e.attack() + ": a decided entry is no longer current");
            }
            // the entry says which universe it was decided over, and its fingerprint is that universe's
            boolean perClient = "per-client".equals(e.bounds().get("universe"));
            assertEquals(perClient, !e.fingerprint().equals(full) && e.fingerprint().equals(accepted.get(0)) && accepted.size() == 2,
                    e.scheme() + " / " + e.attack() + ": bounds " + e.bounds());
        }
    }
}
