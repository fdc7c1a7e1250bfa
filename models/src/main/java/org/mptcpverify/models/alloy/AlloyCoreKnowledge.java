package org.mptcpverify.models.alloy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mptcpverify.models.alloy.AlloyTermDag.App;
import org.mptcpverify.models.alloy.AlloyTermDag.Ct;
import org.mptcpverify.models.alloy.AlloyTermDag.G;
import org.mptcpverify.models.alloy.AlloyTermDag.Hm;
import org.mptcpverify.models.alloy.AlloyTermDag.Leaf;
import org.mptcpverify.models.alloy.AlloyTermDag.Xr;
import org.mptcpverify.vocab.PropertyId;

/**
 * The cell's attacker knowledge module (knowledge.als of its run folder, opened by core.als as
 * {@code knowledge}). Knowledge is a stack of state relations (synthesis rounds, two analysis
 * rounds, synthesis again) computed in every state, and the largest part of a cell's translation
 * that no property needs in itself: only {@code forge} (a profile that injects) and
 * {@code ExternalKeySecrecy} read it. So a cell gets:
 * <ul>
 *   <li>the rounds, as many synthesis rounds as its universe needs ({@link #synthRounds}), when it
 *       has an attacker or judges ExternalKeySecrecy ({@link #needed});</li>
 *   <li>otherwise no rounds: {@code know} and {@code synthK} are empty, which is sound because
 *       nothing the cell translates reads them (no injecting profile, no secrecy property), and no
 *       {@code KnowledgeIsClosed} command.</li>
 * </ul>
 * {@code Base} (what the attacker observed or owns) is declared here in both forms: core.als keeps it.
 */
public final class AlloyCoreKnowledge {
    private AlloyCoreKnowledge() {}

    /** Whether the cell reads the attacker's knowledge: an attacker profile (forge), or ExternalKeySecrecy judged. */
    public static boolean needed(AlloyCoreCell cell) {
        return cell.attack().hasAttacker() || cell.properties().contains(PropertyId.EXTERNAL_KEY_SECRECY);
    }

    /**
     * Synthesis rounds that build every term of the universe from its leaves: the rounds of
     * attacker.als's {@code synthStep} (same tables: a constructor's arguments, cat and xor of two
     * terms whose normal form is in the universe) from all leaves until nothing is added; at least
     * one. An attacker that knows fewer leaves may need more rounds for some term; the cell's
     * {@code KnowledgeIsClosed} check catches that (an unclosed knowledge is never a verdict).
     */
    public static int synthRounds(AlloyTermDag.Rendered dag) {
        Collection<G> universe = dag.terms().values();
        Set<G> all = new LinkedHashSet<>(universe);
        Set<G> s = new LinkedHashSet<>();
        for (G g : universe) {
            if (g instanceof Leaf) {
                s.add(g);
            }
        }
        int rounds = 0;
        while (true) {
            Set<G> next = synthStep(s, all);
            if (next.size() == s.size()) {
                break;
            }
            s = next;
            rounds++;
        }
        if (s.size() != all.size()) { // every term of the universe is built from leaves (AlloyTermDag's construction)
            throw new IllegalStateException("the universe has terms no synthesis from its leaves builds: " + (all.size() - s.size()));
        }
        return Math.max(1, rounds);
    }

    /**
     * One round of synthStep restricted to the universe, computed from each term's ways of being
     * built (not over every pair of known terms): an App or Hmac from its arguments, a
     * concatenation from any split of its flattened elements, a sum from any known term and the sum
     * with it XORed in (cancellation included), as the cells' xorT table holds them.
     */
    private static Set<G> synthStep(Set<G> s, Set<G> universe) {
        Set<G> out = new LinkedHashSet<>(s);
        for (G t : universe) {
            if (s.contains(t)) {
                continue;
            }
            if (t instanceof App a && s.contains(a.arg()) || t instanceof Hm h && s.contains(h.key()) && s.contains(h.msg())) {
                out.add(t);
            } else if (t instanceof Ct c && catBuilt(c, s)) {
                out.add(t);
            } else if (t instanceof Xr) {
                for (G b : s) {
                    if (b.equals(AlloyTermDag.ZERO)) {
                        continue;
                    }
                    G a = AlloyTermDag.xor(t, b);
                    if (!a.equals(b) && !a.equals(AlloyTermDag.ZERO) && s.contains(a)) {
                        out.add(t);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Some split of c's flattened elements into a prefix and a suffix, both known terms, rebuilds c. */
    private static boolean catBuilt(Ct c, Set<G> s) {
        List<G> els = new ArrayList<>();
        G g = c;
        while (g instanceof Ct x) {
            els.add(x.hd());
            g = x.tl();
        }
        els.add(g);
        for (int k = 1; k < els.size(); k++) {
            G a = chain(els.subList(0, k));
            G b = chain(els.subList(k, els.size()));
            if (s.contains(a) && s.contains(b) && AlloyTermDag.cat(a, b).equals(c)) {
                return true;
            }
        }
        return false;
    }

    private static G chain(List<G> els) {
        G out = els.get(els.size() - 1);
        for (int i = els.size() - 2; i >= 0; i--) {
            out = new Ct(els.get(i), out);
        }
        return out;
    }

    /** knowledge.als of the cell; {@code dag} is the cell's universe. */
    public static String render(AlloyCoreCell cell, AlloyTermDag.Rendered dag) {
        boolean rounds = needed(cell);
        return render(cell, dag, rounds, rounds ? synthRounds(dag) : 0);
    }

    /** With or without rounds, {@code r} synthesis rounds each: for measurement (AlloyCoreProbe) against the rule above. */
    static String render(AlloyCoreCell cell, AlloyTermDag.Rendered dag, boolean withRounds, int r) {
        StringBuilder b = new StringBuilder();
        b.append("module knowledge\n\n");
        b.append("-- Generated by AlloyCoreKnowledge: ").append(cell.scheme().wireName()).append(" / ")
                .append(cell.attack().wireName()).append('\n');
        b.append("open termsig\nopen dag\nopen attacker\n\n");
        b.append("var sig Base in Term {}                                -- what the attacker observed or owns\n\n");
        if (!withRounds) {
            b.append("-- No attacker and no secrecy property: nothing reads the knowledge, so no rounds are computed.\n");
            b.append("fun know: set Term { Term - Term }\n");
            b.append("fun synthK: set Term { Term - Term }\n");
            return b.toString();
        }
        b.append("-- The attacker's knowledge: ").append(r).append(" synthesis round(s) (the universe's synthesis depth,\n")
                .append("-- AlloyCoreKnowledge.synthRounds) of the base, analysis, again, analysis, and the synthesis of the\n")
                .append("-- result; every round a relation of the state. KnowledgeIsClosed checks the rounds suffice.\n");
        List<String> a = names("B0s", r);
        List<String> k = names("K1s", r);
        List<String> c = names("Ks", r - 1);
        c.add("Synth");
        List<String> sigs = new ArrayList<>(a);
        sigs.add("Kn1");
        sigs.addAll(k);
        sigs.add("Know");
        sigs.addAll(c);
        b.append("var sig ").append(String.join(", ", sigs)).append(" in Term {}\n");
        b.append("fact knowledgeRounds {\n  always {\n");
        rounds(b, "Base", a);
        b.append("    Kn1 = analyseStep[Base, ").append(a.get(r - 1)).append("]\n");
        rounds(b, "Kn1", k);
        b.append("    Know = analyseStep[Kn1, ").append(k.get(r - 1)).append("]\n");
        rounds(b, "Know", c);
        b.append("  }\n}\n");
        b.append("fun know: set Term { Know }\n");
        b.append("fun synthK: set Term { Synth }\n\n");
        b.append("-- the self-check that the rounds reach the fixpoint\n");
        b.append("pred knowledgeIsClosed { analyseStep[Know, Synth] = Know and synthStep[Know, Synth] = Synth }\n");
        return b.toString();
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static void rounds(StringBuilder b, String k, List<String> s) {
        String prev = k + " + Pub";
        for (String x : s) {
            b.append("    ").append(x).append(" = synthStep[").append(k).append(", ").append(prev).append("]\n");
            prev = x;
        }
    }
}
