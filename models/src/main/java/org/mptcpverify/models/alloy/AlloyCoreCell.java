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
        AlloyCoreScope sc = AlloyCoreScope.standard(attack);
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

    /** The cell's term universe (dag.als), grounded for its scope's population. */
    public AlloyTermDag.Rendered dag() {
        return AlloyTermDag.render(source.data(), scope.population());
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

    /** The cell module; {@code dag} is {@link #dag()} (its atom counts are the exact term scopes). */
    public String render(AlloyTermDag.Rendered dag) {
        String sc = scope.commandScope(attack, dag.counts(), dag.slotNames());
        StringBuilder b = new StringBuilder();
        b.append("-- Generated by AlloyCoreCell: ").append(scheme.wireName()).append(" / ").append(attack.wireName())
                .append(", external key: ").append(keyedSide.toLowerCase())
                .append(attackerHasKey ? ", attacker has the external key" : "").append('\n');
        b.append("-- Needs core.als and its modules beside it, schemes/").append(schemeFile())
                .append(" restricted to the cell's modes as scheme.als (schemeModule), and the cell's generated dag.als and knowledge.als.\n");
        b.append("module ").append(moduleName()).append("\n\nopen core\n\n");
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
