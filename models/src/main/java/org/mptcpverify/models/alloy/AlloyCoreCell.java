package org.mptcpverify.models.alloy;

import java.util.List;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * One cell of the Alloy generic core (models/alloy/core): a scheme's data module, a profile (the
 * attack's shared name), who holds the external key, and the explicit scope every command of the
 * cell is checked at. {@link #render} gives the cell module: one {@code check} per applicable
 * property, the profile's witness {@code run} and, where the cell has knowledge rounds
 * ({@link AlloyCoreKnowledge#needed}), the knowledge self-check. Pure and deterministic.
 *
 * @param keyedSide      {@code BOTH}, {@code CLIENT} or {@code SERVER} (one-sided-key: each is a cell)
 * @param attackerHasKey negative control: the attacker starts with every external key
 * @param scope          the bounds of every command of the cell
 * @param source         where the scheme's data comes from (a built-in's committed definition, or
 *                       the definition the engine was given): every generated file of the cell reads it
 */
public record AlloyCoreCell(SchemeId scheme, AttackId attack, String keyedSide, boolean attackerHasKey,
                            AlloyCoreScope scope, AlloyCoreSchemes.Source source) {
    /** A cell of a built-in scheme, its data read from models/schemes/NAME.scheme. */
    public AlloyCoreCell(SchemeId scheme, AttackId attack, String keyedSide, boolean attackerHasKey, AlloyCoreScope scope) {
        this(scheme, attack, keyedSide, attackerHasKey, scope, new AlloyCoreSchemes.BuiltIn(scheme));
    }

    /** Label of the run that must be satisfiable for the cell's HOLDS to claim anything. */
    public static final String WITNESS = "Witness";
    /** Label of the self-check that the explicit knowledge rounds reach the fixpoint. */
    public static final String KNOWLEDGE_IS_CLOSED = "KnowledgeIsClosed";

    /** The schemes with a generated data module under models/alloy/core/schemes. */
    public static List<SchemeId> covered() {
        return AlloyCoreSchemes.covered();
    }

    /** The cells of (scheme, attack) at the default scope: one-sided-key on either side. */
    public static List<AlloyCoreCell> of(SchemeId scheme, AttackId attack) {
        return of(scheme, attack, new AlloyCoreSchemes.BuiltIn(scheme));
    }

    /** As {@link #of(SchemeId, AttackId)} with the scheme's data from {@code source}. */
    public static List<AlloyCoreCell> of(SchemeId scheme, AttackId attack, AlloyCoreSchemes.Source source) {
        AlloyCoreScope sc = AlloyCoreScope.standard(attack, source.data());
        if (attack == AttackId.ONE_SIDED_KEY) {
            return List.of(new AlloyCoreCell(scheme, attack, "CLIENT", false, sc, source),
                    new AlloyCoreCell(scheme, attack, "SERVER", false, sc, source));
        }
        return List.of(new AlloyCoreCell(scheme, attack, "BOTH", false, sc, source));
    }

    /** The scheme's data module under models/alloy/core/schemes (the shared name, '-' and '/' as '_'). */
    public String schemeFile() {
        return AlloyNames.of(scheme) + ".als";
    }

    public List<PropertyId> properties() {
        return attack.modelledProperties(scheme);
    }

    /** Module name, file stem: unique per (scheme, profile, keyed side, control). */
    public String moduleName() {
        return "core_" + AlloyNames.of(scheme) + "__" + AlloyNames.of(attack) + "__" + keyedSide.toLowerCase()
                + (attackerHasKey ? "__attacker_has_key" : "");
    }

    /**
     * The cell's term universe (dag.als), grounded for its scope's population: the per-client one
     * where it applies ({@link #perClientDag}), else the universe of every client and mode.
     */
    public AlloyTermDag.Rendered dag() {
        return perClientDag().orElseGet(this::fullDag);
    }

    /** The universe of every client and every mode (every cell's before session 18). */
    public AlloyTermDag.Rendered fullDag() {
        return AlloyTermDag.render(source.data(), scope.population());
    }

    /**
     * The per-client universe (AlloyTermDag#renderPerClient), for an attacker-free cell with two
     * clients and a property whose scheme keeps its clients apart; empty for every other cell,
     * whose universe (and fingerprint) is the full one.
     */
    public java.util.Optional<AlloyTermDag.Rendered> perClientDag() {
        if (attack.hasAttacker() || attackerHasKey || properties().isEmpty() || scope.clients() < 2) {
            return java.util.Optional.empty();
        }
        return AlloyTermDag.renderPerClient(source.data(), scope.population(), liveModes());
    }

    /**
     * The data modes this cell's ends can run: the negotiated ones for who holds the key (both
     * clients of two-keys-one-host hold their own, so the same pair); core.als changes a mode only
     * to TCP, which has no entries.
     */
    public java.util.Set<String> liveModes() {
        SchemeData d = source.data();
        boolean ck = d.usesKey() && (keyedSide.equals("BOTH") || keyedSide.equals("CLIENT"));
        boolean sk = d.usesKey() && (keyedSide.equals("BOTH") || keyedSide.equals("SERVER"));
        SchemeData.Row r = d.negotiate().get(new SchemeData.KeyPair(ck, sk));
        java.util.Set<String> live = new java.util.TreeSet<>();
        live.add(r.a());
        live.add(r.b());
        return live;
    }

    /** The cell's scheme module (scheme.als of its run): the generated module restricted to {@link #liveModes}. */
    public String schemeModule() {
        return AlloySchemeModule.render(source.data(), source.file(), liveModes());
    }

    /** The message kinds of the Alloy core (termsig.als) the witness may name. */
    private static final java.util.Set<String> CORE_KINDS = java.util.Set.of("MPC_SYN", "MPC_SYNACK", "MPC_ACK",
            "KEY_A", "KEY_B", "JOIN_SYN", "JOIN_SYNACK", "JOIN_ACK", "ADD_ADDR", "FASTCLOSE");

    /**
     * The segment kinds whose checks the cell's properties depend on (WitnessChecks), those the core
     * has (it has no REMOVE_ADDR and MP_PRIO, nor the profiles that use them).
     */
    public List<String> witnessKinds() {
        List<String> kinds = org.mptcpverify.engine.WitnessChecks.kinds(properties()).stream()
                .filter(CORE_KINDS::contains).toList();
        if (kinds.isEmpty()) {
            throw new IllegalStateException(attack.wireName() + ": its properties depend on no segment the Alloy core has");
        }
        return kinds;
    }

    /**
     * Whether the knowledge self-check is folded into the first property's check,
     * {@code always (P and knowledgeIsClosed)}: wherever the cell has knowledge rounds and a
     * property. A satisfiable such check whose instance violates no P is the unclosed knowledge.
     */
    public boolean foldsKnowledgeCheck() {
        return AlloyCoreKnowledge.needed(this) && !properties().isEmpty();
    }

    /**
     * What only an attacker-free cell's module adds (session 12): facts that remove solver freedom
     * that cannot change whether a property is violated within the cell's bounds. Its unsatisfiable
     * check is nearly all of such a cell's cost (an exhaustive refutation of every honest trace),
     * and every symmetric or equivalent copy of a trace is one more to refute. Attacker cells never
     * render this (their modules, and fingerprints, are unchanged).
     * <ul>
     *   <li>{@code stuttersLast}: a transition that changes neither {@code Sent} nor {@code Net}
     *   is a stutter (every other transition sends a new segment or takes one from the network),
     *   and once the trace stutters it stutters to the end. Any trace of {@code steps} states that
     *   reaches a state violating a property maps to one that reaches the same state by the same
     *   non-stutter transitions in the same order, then stutters: delete each state entered by a
     *   stutter (it equals its predecessor but for {@code Cur}, which no transition constrains in
     *   the state it enters and no property reads) and pad the end with copies of the last state (a
     *   stutter is always enabled). So no violation within the bound is lost, and the interleavings
     *   of stutters with events, which multiply the traces the solver must refute, are gone.</li>
     *   <li>{@code fixedAtoms}: the (client, slot) and (join, slot) cells (CS, JS), the joins (CJ)
     *   and the initial subflows (Sf0) are bijections the facts of core.als pin down only up to
     *   renaming their atoms; each sig is ordered (util/ordering binds its order as a constant)
     *   and its k-th atom given the k-th (owner, slot name), join number or client. Renaming
     *   atoms of a sig changes no property's value, so exactly one of the renamings remains.</li>
     * </ul>
     */
    /**
     * Whether the cell module carries {@link #attackerFreeFacts}: a cell without an attacker that
     * has a property to check (a NOT_APPLICABLE cell runs no command; its fingerprint stays).
     */
    public boolean rendersAttackerFreeFacts() {
        return !attack.hasAttacker() && !properties().isEmpty();
    }

    String attackerFreeFacts(AlloyTermDag.Rendered dag) {
        int clients = scope.clients();
        int joins = scope.joins();
        List<String> clientAtoms = clients == 2 ? List.of("C1", "C2") : List.of("C1");
        java.util.SortedSet<String> names = new java.util.TreeSet<>(source.data().slots());
        names.addAll(source.data().jslots()); // as AlloyTermDag declares them
        List<String> slots = names.stream().map(AlloySchemeModule::slot).toList();
        if (slots.size() != dag.slotNames()) {
            throw new IllegalStateException("slot names " + slots + " but the universe has " + dag.slotNames());
        }
        List<String> joinAtoms = new java.util.ArrayList<>();
        for (String c : clientAtoms) {
            for (int i = 1; i <= joins; i++) {
                joinAtoms.add("(owner." + c + " & jn.I" + i + ")");
            }
        }
        StringBuilder b = new StringBuilder();
        // util/ordering cannot order an empty sig: CS and JS are empty in a scheme without slots
        if (!slots.isEmpty()) {
            b.append("open util/ordering[CS] as CSO\nopen util/ordering[JS] as JSO\n");
        }
        b.append("open util/ordering[CJ] as CJO\nopen util/ordering[Sf0] as SfO\n\n");
        b.append("-- attacker-free cell (AlloyCoreCell.attackerFreeFacts): no violation within the bounds is lost\n");
        b.append("-- once the trace stutters (changes neither Sent nor Net) it stutters to the end\n");
        b.append("pred quiet { Sent' = Sent and Net' = Net }\n");
        b.append("fact stuttersLast { always (quiet => after quiet) }\n");
        b.append("-- the k-th atom of each bijection of core.als is the k-th (owner, slot), join, client\n");
        b.append("fact fixedAtoms {\n");
        List<String[]> cs = new java.util.ArrayList<>();
        for (String c : clientAtoms) {
            for (String n : slots) {
                cs.add(new String[] {"csc", c, "csn", n});
            }
        }
        b.append(ordered("CSO", cs));
        List<String[]> js = new java.util.ArrayList<>();
        for (String j : joinAtoms) {
            for (String n : slots) {
                js.add(new String[] {"jsj", j, "jsn", n});
            }
        }
        b.append(ordered("JSO", js));
        List<String[]> cj = new java.util.ArrayList<>();
        for (String c : clientAtoms) {
            for (int i = 1; i <= joins; i++) {
                cj.add(new String[] {"owner", c, "jn", "I" + i});
            }
        }
        b.append(ordered("CJO", cj));
        List<String[]> sf0 = new java.util.ArrayList<>();
        for (String c : clientAtoms) {
            sf0.add(new String[] {"c0", c});
        }
        b.append(ordered("SfO", sf0));
        b.append("}\n");
        return b.toString();
    }

    /** {@code a0 = O/first, a1 = O/next[a0], ...}: atom k's fields (pairs field, value) are row k's. */
    private static String ordered(String order, List<String[]> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("  let ");
        for (int k = 0; k < rows.size(); k++) {
            b.append(k == 0 ? "" : ", ").append("a").append(k).append(" = ")
                    .append(k == 0 ? order + "/first" : order + "/next[a" + (k - 1) + "]");
        }
        b.append(" |");
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            for (int f = 0; f < r.length; f += 2) {
                b.append(k == 0 && f == 0 ? " " : " and ").append("a").append(k).append('.').append(r[f]).append(" = ").append(r[f + 1]);
            }
        }
        return b.append('\n').toString();
    }

    /** The cell module; {@code dag} is {@link #dag()} (its atom counts are the exact term scopes). */
    public String render(AlloyTermDag.Rendered dag) {
        String sc = scope.commandScope(attack, dag.counts(), dag.slotNames());
        StringBuilder b = new StringBuilder();
        b.append("-- Generated by AlloyCoreCell: ").append(scheme.wireName()).append(" / ").append(attack.wireName())
                .append(", external key: ").append(keyedSide.toLowerCase())
                .append(attackerHasKey ? ", attacker has the external key" : "").append('\n');
        b.append("-- Needs core.als and its modules beside it, schemes/").append(schemeFile())
                .append(" restricted to the cell's modes as scheme.als (schemeModule), and the cell's generated dag.als and knowledge.als.\n");
        b.append("module ").append(moduleName()).append("\n\nopen core\n");
        if (rendersAttackerFreeFacts()) {
            b.append(attackerFreeFacts(dag));
        }
        b.append('\n');
        b.append("fact cell { Cell.keyedSide = ").append(keyedSide).append(" and Cell.attackerHasKey = ")
                .append(attackerHasKey ? "Y" : "N").append(" and Cell.maxInj = ").append(scope.injections())
                .append(" and Cell.maxRew = ").append(scope.rewrites()).append(" }\n\n");
        boolean folded = foldsKnowledgeCheck();
        for (PropertyId p : properties()) {
            // the first check also asks for closed knowledge (one translation fewer per HOLDS cell, session 11)
            String body = folded && p == properties().get(0) ? "(" + p.modelName() + " and knowledgeIsClosed)" : p.modelName();
            b.append("check ").append(p.modelName()).append(" { always ").append(body).append(" } ")
                    .append(sc).append('\n');
        }
        b.append('\n');
        if (attack.hasAttacker()) {
            b.append("-- the witness: an attacker's segment reaches an honest end's checks of a kind the properties depend on\n");
            b.append("run ").append(WITNESS).append(" { eventually some r: Reached | r.m in ").append(String.join(" + ", witnessKinds()))
                    .append(" } ").append(sc).append('\n');
        } else if (attack == AttackId.ONE_SIDED_KEY) {
            // CleanFallback also covers the outcome "both ends plain TCP": a scheme that falls back
            // when only one end holds the key (bound-key) never establishes a join, and its cell
            // would otherwise have no witness although the property's subject is reached
            b.append("-- the witness: a legitimate join is established at both ends, or both ends of an untouched\n");
            b.append("-- connection settle on plain TCP at quiescence\n");
            b.append("run ").append(WITNESS).append(" { eventually (legitJoinEstablished or (no Net and some c: Client |")
                    .append(" c0.c not in Touched and c.(cst) = PLAIN and c.(sst) = PLAIN)) } ").append(sc).append('\n');
        } else {
            b.append("-- the witness: a legitimate join is established at both ends\n");
            b.append("run ").append(WITNESS).append(" { eventually legitJoinEstablished } ").append(sc).append('\n');
        }
        if (AlloyCoreKnowledge.needed(this) && !folded) { // else nothing to close, or closed by the first check
            b.append("check ").append(KNOWLEDGE_IS_CLOSED).append(" { always knowledgeIsClosed } ").append(sc).append('\n');
        }
        return b.toString();
    }
}
