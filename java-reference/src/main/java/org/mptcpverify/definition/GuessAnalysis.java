package org.mptcpverify.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mptcpverify.definition.SchemeDefinition.KeySource;
import org.mptcpverify.definition.SchemeDefinition.Message;
import org.mptcpverify.definition.term.Deduction;
import org.mptcpverify.definition.term.Evaluator;
import org.mptcpverify.definition.term.Term;
import org.mptcpverify.definition.term.Terms;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.vocab.AttackId;

/**
 * The price of guessing (issue #13.4, docs/scheme-definitions.md "Guessing"): over a scheme
 * definition and what an attack profile lets the attacker observe, the cheapest way to obtain the
 * values the profile's forgery must carry when deduction alone does not give them.
 *
 * <p>Two ways to pay. Online: the forged segment carries a guess and the receiver's answer
 * (acceptance or reset) tells whether it was right, one segment per guess; the attacker may guess
 * a checked field directly (its width) or a secret atom the field is computed from (its entropy).
 * Offline: the attacker guesses a secret atom and tests each guess against a value it observed
 * (an HMAC, a token, a NEW_KEY value) by recomputing that value; no segment is sent until the
 * right one is known. A cost is {@code log2} of the expected-worst-case number of guesses:
 * {@code log2(sum of 2^bits)} over the steps of one attack.
 *
 * <p>Bounds: guessed sets of at most two atoms; the attacked connection runs the keyed mode (both
 * ends hold the key); one observed join and one observed ADD_ADDR.
 */
public final class GuessAnalysis {
    /** How a guess is tested. */
    public enum Mode {
        ONLINE("online"), OFFLINE("offline");

        public final String word;

        Mode(String word) {
            this.word = word;
        }
    }

    /**
     * The cheapest attack found: {@code bits} of work, its {@code mode} (that of its most expensive
     * step), the {@code fields} guessed (atoms such as {@code K}, or checked fields such as
     * {@code join-ack.hmac}), and one sentence saying how.
     */
    public record Cost(double bits, Mode mode, List<String> fields, String how) {
        public String field() {
            return String.join("+", fields);
        }
    }

    /** What the attacker must produce: a checked term, named as the message's field. */
    private record Obstacle(String field, Term term, int width) {}

    private final SchemeDefinition def;
    private final Deduction deduction;
    private final int hashBits;
    private final String mode;
    private final Map<String, Term> sets = new HashMap<>();

    public GuessAnalysis(SchemeDefinition def) {
        this.def = def;
        this.deduction = new Deduction(new Evaluator(def.hash()));
        this.hashBits = def.hash().outputLength() * 8;
        // both ends hold the key: the first non-base mode (the one a keyed end prefers), else the base
        this.mode = def.modes().size() > 1 ? def.modes().get(1).name() : def.baseMode().name();
        for (Message m : def.messages()) {
            if (m.mode() == null || m.mode().equals(mode)) {
                for (Stmt s : m.body()) {
                    if (s instanceof Stmt.Set set) {
                        sets.putIfAbsent(set.slot(), set.term());
                    }
                }
            }
        }
    }

    /** The entropy in bits of an atom's value: a declared value set, else its width. */
    public double entropy(Term.Atom a) {
        if (a.name().equals(DefinitionParser.KEY)) {
            return switch (def.keySource()) {
                case SIN_ZERO, SIN_ZERO_HOST, SIN_ZERO_LE, SIN_ZERO_HOST_LE -> log2(def.sinZeroKeyCount());
                case SOCKET_64_ODD -> def.keyWidth() - 1; // the lowest bit is always 1
                case SOCKET -> def.keyWidth();
            };
        }
        SchemeDefinition.Fresh f = def.fresh().get(a.name());
        return f != null ? f.width() : a.width();
    }

    /**
     * The cheapest attack of {@code attack} on this scheme; empty when the profile forges nothing
     * (no attacker, or an attacker that does not need a secret value) or nothing stands in its way.
     */
    public Optional<Cost> cheapest(AttackId attack) {
        List<List<Obstacle>> goals = goals(attack);
        Set<Term> known = observed(attack);
        Cost best = null;
        for (List<Obstacle> goal : goals) {
            Cost c = cheapest(goal, known);
            if (c != null && (best == null || c.bits() < best.bits())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    private Cost cheapest(List<Obstacle> goal, Set<Term> known) {
        List<Obstacle> open = goal.stream().filter(o -> !deduction.canDerive(known, o.term())).toList();
        if (open.isEmpty()) {
            return null; // deduction alone forges it: no guessing needed
        }
        // Direct online guesses of every open field, one step each (the receiver answers each step).
        Cost best = direct(open, List.of(), 0, Mode.ONLINE, List.of());
        List<Term.Atom> secrets = secretAtoms(open, known);
        for (int i = 0; i < secrets.size(); i++) {
            for (int j = i; j < secrets.size(); j++) {
                List<Term.Atom> guess = i == j ? List.of(secrets.get(i)) : List.of(secrets.get(i), secrets.get(j));
                Set<Term> with = new LinkedHashSet<>(known);
                with.addAll(guess);
                List<Obstacle> rest = open.stream().filter(o -> !deduction.canDerive(with, o.term())).toList();
                if (rest.size() == open.size()) {
                    continue; // the guess helps with nothing
                }
                double bits = guess.stream().mapToDouble(this::entropy).sum();
                Mode m = testable(guess, known) ? Mode.OFFLINE : Mode.ONLINE;
                Cost c = direct(rest, guess, bits, m, open);
                if (c.bits() < best.bits() - 1e-9) {
                    best = c;
                }
            }
        }
        return best;
    }

    /** Guessing {@code guess} ({@code bits}, {@code m}), then every field of {@code rest} online. */
    private Cost direct(List<Obstacle> rest, List<Term.Atom> guess, double bits, Mode m, List<Obstacle> open) {
        double total = guess.isEmpty() ? Double.NEGATIVE_INFINITY : bits;
        Mode mode = m;
        double largest = guess.isEmpty() ? Double.NEGATIVE_INFINITY : bits;
        List<String> fields = new ArrayList<>(guess.stream().map(Term.Atom::name).toList());
        for (Obstacle o : rest) {
            total = log2sum(total, o.width());
            if (o.width() > largest) {
                largest = o.width();
                mode = Mode.ONLINE;
            }
            fields.add(o.field());
        }
        String how;
        if (guess.isEmpty()) {
            how = "guess " + String.join(" then ", fields) + " online, one segment per guess";
        } else {
            how = "guess " + guess.stream().map(a -> a.name() + " (" + fmt(entropy(a)) + " bits)").toList()
                    .toString().replaceAll("[\\[\\]]", "")
                    + (m == Mode.OFFLINE ? " offline against an observed value" : " online, one segment per guess")
                    + ", which gives " + open.stream().filter(o -> !rest.contains(o)).map(Obstacle::field).toList()
                    .toString().replaceAll("[\\[\\]]", "")
                    + (rest.isEmpty() ? "" : "; then guess " + rest.stream().map(Obstacle::field).toList()
                    .toString().replaceAll("[\\[\\]]", "") + " online");
        }
        return new Cost(total, mode, List.copyOf(fields), how);
    }

    /** Whether some observed value, not derivable without the guess, is derivable with it. */
    private boolean testable(List<Term.Atom> guess, Set<Term> known) {
        for (Term t : known) {
            if (Terms.atoms(t).stream().noneMatch(guess::contains)) {
                continue;
            }
            Set<Term> without = new LinkedHashSet<>(known);
            without.remove(t);
            if (deduction.canDerive(without, t)) {
                continue; // t tests nothing: it follows from other observed values
            }
            without.addAll(guess);
            if (deduction.canDerive(without, t)) {
                return true;
            }
        }
        return false;
    }

    /** Atoms of the open terms that the attacker does not know, in a fixed order. */
    private List<Term.Atom> secretAtoms(List<Obstacle> open, Set<Term> known) {
        Set<Term.Atom> out = new LinkedHashSet<>();
        for (Obstacle o : open) {
            for (Term.Atom a : Terms.atoms(o.term())) {
                if (!deduction.canDerive(known, a)) {
                    out.add(a);
                }
            }
        }
        return List.copyOf(out);
    }

    // ---- the profiles ------------------------------------------------------------------------------------------

    /** Parameters as the attacker sees them in an observed exchange: public constants. */
    private static Map<String, Term> observedParams() {
        return Map.of("i", new Term.Num(1, 32), "Ra", new Term.Num(101, 32), "Rb", new Term.Num(102, 32),
                "id", new Term.Num(1, 8), "addr", new Term.Num(1001, 32), "port", new Term.Num(0, 16),
                "addrB", new Term.Num(3001, 32));
    }

    /** Parameters of the attacker's own forgery: its nonce, the server's answer, its address. */
    private static Map<String, Term> forgedParams() {
        return Map.of("i", new Term.Num(2, 32), "Ra", new Term.Num(201, 32), "Rb", new Term.Num(202, 32),
                "id", new Term.Num(2, 8), "addr", new Term.Num(2002, 32), "port", new Term.Num(0, 16),
                "addrB", new Term.Num(3001, 32));
    }

    /** What the profile lets the attacker see (the paths and phases it reads), as terms of this mode. */
    private Set<Term> observed(AttackId attack) {
        List<Phase> phases = switch (attack.wireName()) {
            case "eavesdrop-handshake", "add-addr-mitm" ->
                    List.of(Phase.HANDSHAKE_SYN, Phase.HANDSHAKE_SYN_ACK, Phase.HANDSHAKE_ACK, Phase.KEY_AGREEMENT);
            case "eavesdrop-all", "join-dos", "fastclose-forge" -> List.of(Phase.HANDSHAKE_SYN,
                    Phase.HANDSHAKE_SYN_ACK, Phase.HANDSHAKE_ACK, Phase.KEY_AGREEMENT, Phase.JOIN_SYN,
                    Phase.JOIN_SYN_ACK, Phase.JOIN_ACK, Phase.ADD_ADDR);
            default -> List.of();
        };
        Set<Term> known = new LinkedHashSet<>();
        for (Phase p : phases) {
            for (Role r : Role.values()) {
                def.message(p, r, mode).ifPresent(m ->
                        m.fields().forEach(f -> known.add(concrete(f.term(), observedParams()))));
            }
        }
        if (!phases.isEmpty()) {
            observedParams().values().forEach(known::add);
            forgedParams().values().forEach(known::add);
            known.add(new Term.Atom("Kx", 64)); // the attacker's own value
        }
        return known;
    }

    /** Alternative goals (any one breaks a property of the profile), each a list of obstacles. */
    private List<List<Obstacle>> goals(AttackId attack) {
        List<List<Obstacle>> out = new ArrayList<>();
        switch (attack.wireName()) {
            case "eavesdrop-handshake", "eavesdrop-all" -> {
                List<Obstacle> join = new ArrayList<>(lookup());
                join.addAll(checks(Phase.JOIN_ACK, Role.A));
                out.add(join);
                if (attack.wireName().equals("eavesdrop-all") && def.keySource() != null) {
                    Term.Atom k = new Term.Atom(DefinitionParser.KEY, def.keyWidth());
                    out.add(List.of(new Obstacle(DefinitionParser.KEY, k, def.keyWidth())));
                }
            }
            case "join-dos" -> out.add(lookup());
            case "add-addr-mitm" -> out.add(checks(Phase.ADD_ADDR, Role.B));
            case "fastclose-forge" -> out.add(checks(Phase.FAST_CLOSE, Role.A));
            default -> { }
        }
        return out;
    }

    private List<Obstacle> lookup() {
        Optional<Message> m = def.message(Phase.JOIN_SYN, Role.A, mode);
        if (m.isEmpty()) {
            return List.of();
        }
        for (Stmt s : m.get().body()) {
            if (s instanceof Stmt.Lookup l && l.kind() != Stmt.Lookup.Kind.NEWEST) {
                return List.of(new Obstacle(m.get().name() + ".token", concrete(l.expect(), forgedParams()), 32));
            }
        }
        return List.of();
    }

    private List<Obstacle> checks(Phase p, Role from) {
        Optional<Message> m = def.message(p, from, mode);
        if (m.isEmpty()) {
            return List.of();
        }
        List<Obstacle> out = new ArrayList<>();
        for (Stmt s : m.get().body()) {
            if (s instanceof Stmt.Check c) {
                out.add(new Obstacle(m.get().name() + "." + c.field(), concrete(c.term(), forgedParams()),
                        p.fields().get(c.field())));
            }
        }
        return out;
    }

    /** Lets expanded in the analysed mode, slots a sender sets replaced by their terms, parameters bound. */
    private Term concrete(Term t, Map<String, Term> params) {
        return Terms.mapAtoms(t, a -> {
            Term.Atom atom = (Term.Atom) a;
            if (params.containsKey(atom.name())) {
                return params.get(atom.name());
            }
            Optional<Term> let = def.let(atom.name(), mode);
            if (let.isPresent()) {
                return concrete(let.get(), params);
            }
            Term set = sets.get(atom.name());
            return set != null && !set.equals(a) ? concrete(set, params) : a;
        }, hashBits);
    }

    // ---- numbers ------------------------------------------------------------------------------------------------

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** log2(2^a + 2^b), without overflow. */
    static double log2sum(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        return hi + log2(1 + Math.pow(2, lo - hi));
    }

    /** Bits with two decimals, as every report prints them. */
    public static String fmt(double bits) {
        return String.format(java.util.Locale.ROOT, "%.2f", bits);
    }

    /** Whether the external key has a declared, enumerable value set (what an engine can try). */
    public boolean enumerableKey() {
        return def.keySource() != null && def.keySource().sinZero();
    }
}
