package org.mptcpverify.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.definition.SchemeDefinition.Message;
import org.mptcpverify.definition.SchemeDefinition.Mode;
import org.mptcpverify.definition.term.Deduction;
import org.mptcpverify.definition.term.Evaluator;
import org.mptcpverify.definition.term.Term;
import org.mptcpverify.definition.term.Terms;
import org.mptcpverify.scheme.Role;

/**
 * Whether, in one mode of a definition, the external key authenticates the joins: the answer
 * DowngradeResistance needs ({@code AuthScheme.externalKeyInUse}), derived from the definition
 * (docs/scheme-definitions.md, "When the external key authenticates joins").
 *
 * <p>It does in mode M exactly when some join check of M (the join SYN's lookup, a check of the
 * join SYN/ACK or third ACK) compares with a term that contains K and that the Dolev-Yao attacker
 * ({@link Deduction}) cannot build from what M's handshake and key-agreement messages send, plus
 * the public parameters. Otherwise the joins rest on material sent in clear: no join check reads
 * K, or K itself (or every keyed check term) follows from the clear handshake (broken's Key-A is K).
 * Slots are followed through the mode's {@code set} and {@code store} lines, so a slot that holds
 * K (broken's {@code set Ka := K}) counts as K. A side uses the answer of its own mode, and only
 * when it holds a key (a sin-zero source: a non-zero one).
 *
 * @param mode     the mode's name
 * @param keyed    the external key authenticates this mode's joins
 * @param reason   one line: the check that makes it so, or why none does
 */
public record ExternalKeyUse(String mode, boolean keyed, String reason) {
    private static final List<Phase> HANDSHAKE = List.of(Phase.HANDSHAKE_SYN, Phase.HANDSHAKE_SYN_ACK,
            Phase.HANDSHAKE_ACK);

    /** One answer per mode, in the definition's order of modes. */
    public static List<ExternalKeyUse> of(SchemeDefinition def) {
        List<ExternalKeyUse> out = new ArrayList<>();
        for (Mode m : def.modes()) {
            out.add(def.keySource() == null ? new ExternalKeyUse(m.name(), false, "no external key")
                    : new Analysis(def, m.name()).decide());
        }
        return List.copyOf(out);
    }

    /** The terms of one mode, resolved: lets expanded, slots replaced by what the mode wrote into them. */
    private static final class Analysis {
        final SchemeDefinition def;
        final String mode;
        final int hashBits;
        /** Slot -> the term the mode's set/store lines wrote into it (absent: the slot's own atom). */
        final Map<String, Term> slots = new LinkedHashMap<>();
        /** What the handshake and key-agreement messages send, and where ("syn.sender-key"). */
        final Map<Term, String> clear = new LinkedHashMap<>();

        Analysis(SchemeDefinition def, String mode) {
            this.def = def;
            this.mode = mode;
            this.hashBits = def.hash().outputLength() * 8;
        }

        ExternalKeyUse decide() {
            for (Phase p : HANDSHAKE) {
                Role from = p == Phase.HANDSHAKE_SYN_ACK ? Role.B : Role.A;
                def.message(p, from, mode).ifPresent(this::sendAndReceive);
            }
            def.message(Phase.KEY_AGREEMENT, Role.A, mode).ifPresent(this::sendAndReceive);
            def.message(Phase.KEY_AGREEMENT, Role.B, mode).ifPresent(this::sendAndReceive);
            Set<Term> known = new LinkedHashSet<>(clear.keySet());
            DefinitionParser.PARAMETERS.forEach((n, w) -> known.add(new Term.Atom(n, w))); // public values
            Deduction deduction = new Deduction(new Evaluator(def.hash()));
            Term key = new Term.Atom(DefinitionParser.KEY, def.keyWidth());
            List<String> followed = new ArrayList<>();
            for (Checked c : joinChecks()) {
                if (!Terms.atoms(c.term()).contains(key)) {
                    continue;
                }
                if (!deduction.canDerive(known, c.term())) {
                    return new ExternalKeyUse(mode, true, c.where() + " compares with " + Terms.show(c.term())
                            + ", which needs K and does not follow from the handshake");
                }
                followed.add(c.where());
            }
            if (followed.isEmpty()) {
                return new ExternalKeyUse(mode, false, "no join check reads K");
            }
            String leak = deduction.canDerive(known, key) ? "; K follows from " + source(deduction, key) : "";
            return new ExternalKeyUse(mode, false, "every join check that reads K (" + String.join(", ", followed)
                    + ") follows from the handshake sent in clear" + leak);
        }

        /** The first clear field from which, with the earlier ones, {@code t} follows. */
        private String source(Deduction deduction, Term t) {
            Set<Term> sofar = new LinkedHashSet<>();
            DefinitionParser.PARAMETERS.forEach((n, w) -> sofar.add(new Term.Atom(n, w)));
            for (Map.Entry<Term, String> e : clear.entrySet()) {
                sofar.add(e.getKey());
                if (deduction.canDerive(sofar, t)) {
                    return e.getValue();
                }
            }
            return "the handshake";
        }

        /** The sender's lines, then the receiver's stores, as the two ends run them. */
        private void sendAndReceive(Message m) {
            Map<String, Term> fields = new LinkedHashMap<>();
            for (Stmt s : m.body()) {
                if (s instanceof Stmt.Draw d) {
                    slots.remove(d.atom()); // a fresh value: the slot is its own atom again
                } else if (s instanceof Stmt.Set st) {
                    slots.put(st.slot(), resolve(st.term(), fields));
                } else if (s instanceof Stmt.Field f) {
                    Term t = resolve(f.term(), fields);
                    fields.put(f.name(), t);
                    clear.putIfAbsent(t, m.name() + "." + f.name());
                }
            }
            for (Stmt s : m.body()) {
                // a stored public value (store pub(x) := share) is pub(x) itself: nothing to follow
                if (s instanceof Stmt.Store st && !st.slot().startsWith("pub(")) {
                    slots.put(st.slot(), resolve(st.term(), fields));
                }
            }
        }

        private Term resolve(Term t, Map<String, Term> fields) {
            return Terms.mapAtoms(t, a -> {
                String n = ((Term.Atom) a).name();
                if (fields.containsKey(n)) {
                    return fields.get(n);
                }
                if (slots.containsKey(n)) {
                    return slots.get(n);
                }
                Optional<Term> let = def.let(n, mode);
                return let.isPresent() ? resolve(let.get(), fields) : a;
            }, hashBits);
        }

        /** A term a join check compares with, and where it is ("join-syn lookup"). */
        private record Checked(String where, Term term) {}

        private List<Checked> joinChecks() {
            List<Checked> out = new ArrayList<>();
            for (Phase p : List.of(Phase.JOIN_SYN, Phase.JOIN_SYN_ACK, Phase.JOIN_ACK)) {
                Role from = p == Phase.JOIN_SYN_ACK ? Role.B : Role.A;
                Optional<Message> m = def.message(p, from, mode);
                if (m.isEmpty()) {
                    continue;
                }
                Map<String, Term> fields = new LinkedHashMap<>();
                for (Stmt.Field f : m.get().fields()) {
                    fields.put(f.name(), resolve(f.term(), fields));
                }
                for (Stmt s : m.get().body()) {
                    String at = m.get().name() + " (line " + s.line() + ")";
                    if (s instanceof Stmt.Check c) {
                        out.add(new Checked(at + " check " + c.field(), resolve(c.term(), fields)));
                    } else if (s instanceof Stmt.Lookup l && l.kind() != Stmt.Lookup.Kind.NEWEST) {
                        out.add(new Checked(at + " lookup", resolve(l.expect(), fields)));
                        if (l.attachLeft() != null) {
                            out.add(new Checked(at + " lookup attach", resolve(l.attachLeft(), fields)));
                            out.add(new Checked(at + " lookup attach", resolve(l.attachRight(), fields)));
                        }
                    }
                }
            }
            return out;
        }
    }
}
