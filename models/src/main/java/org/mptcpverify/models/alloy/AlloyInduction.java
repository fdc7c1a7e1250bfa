package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Solution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.models.alloy.AlloyTermDag.App;
import org.mptcpverify.models.alloy.AlloyTermDag.Ct;
import org.mptcpverify.models.alloy.AlloyTermDag.G;
import org.mptcpverify.models.alloy.AlloyTermDag.Hm;
import org.mptcpverify.models.alloy.AlloyTermDag.Leaf;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeData.Check;
import org.mptcpverify.models.core.SchemeData.Msg;
import org.mptcpverify.models.core.Tmpl;
import org.mptcpverify.models.proof.ProofExport;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.models.proof.ProofRoles;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.models.proof.Term;
import org.mptcpverify.vocab.PropertyId;

/**
 * The induction of a proof checked by the Alloy Analyzer (issue #12, item 3; docs/proofs.md,
 * "Alloy induction"). For each system of a cell's proof (the main one and, for the authenticity
 * family, the one where no honest end sends the protected kind) it writes a run folder with the
 * generic module models/alloy/proof/induction.als, the scheme's generated data module (the same
 * {@link AlloySchemeModule} text the Alloy generic core opens), the cell's term universe
 * ({@code dag.als}) and the candidate invariant ({@code inv.als}), and runs its commands
 * {@code Base}, {@code Step}, {@code Property} (checks: a solution is a counterexample) and
 * {@code Witness} (a run: a solution is an attacker delivery that reaches a check), with one
 * solver thread, one analysis per JVM at a time. The transitions are Alloy's, evaluated from the
 * scheme module; only the invariant comes from the Java computation.
 */
public final class AlloyInduction {
    public static final String METHOD = "alloy-induction";
    public static final String ENGINE = "alloy";
    static final List<String> CHECKS = List.of("Base", "Step", "Property");
    /** The Alloy checks' scope, in words (the exact sizes of a cell are in its reason). */
    public static final String SCOPE = "Alloy: every pre-state within the invariant and every transition from it (one "
            + "pre-state, one transition), over the cell's term universe, its role states and honest segments, exactly";

    private AlloyInduction() {}

    /** One executed command: label, whether a solution was found, translation size, times. */
    public record Command(String system, String label, boolean solution, int vars, int clauses, double seconds,
                          double cpuSeconds) {}

    /**
     * The outcome. {@code status}: PROVED when every check of every system has no counterexample
     * and the witness run has a solution; NOT_PROVED with the failed check and its counterexample;
     * NOT_ATTEMPTED when the cell has no invariant or the Alloy modules cannot express it.
     */
    public record Result(ProofStatus status, String failedCheck, String counterexample, String scope, String reason,
                         List<Command> commands) {
        public double cpuSeconds() {
            return commands.stream().mapToDouble(Command::cpuSeconds).sum();
        }

        public double seconds() {
            return commands.stream().mapToDouble(Command::seconds).sum();
        }
    }

    /**
     * The cell's proof with its step checked by Alloy: the Java checks compute the candidate
     * invariant and decide the cell on their own (java-closure); Alloy checks base case, step and
     * property of the same invariant with its own transitions. The result names Alloy as the method
     * when it ran, and carries the Java status as {@code crossCheck}; when the two disagree the cell
     * is NOT_PROVED with {@code failedCheck} "agreement" (a disagreement is a finding, never hidden).
     * Where Alloy cannot run (NOT_ATTEMPTED: no invariant, or a term the Alloy algebra lacks) the
     * Java result stands, with the reason in {@code crossCheck}.
     */
    public static org.mptcpverify.models.proof.ProofResult prove(SchemeData data, String attack, PropertyId property,
                                                                  ProofScope scope) {
        return prove(data, Map.of(), attack, property, scope, false);
    }

    /**
     * The property at its other end (docs/proofs.md, "Both ends": the server accepting the client's
     * ADD_ADDR, the client accepting the server's MP_FASTCLOSE), decided as {@link #prove} decides the
     * core's end: Java ({@code InductiveProof.proveOtherEnd}) and Alloy, with the mirror messages in
     * the proof's own generated module {@code mirror.als} ({@link AlloyMirrorModule}).
     */
    public static org.mptcpverify.models.proof.ProofResult proveOtherEnd(SchemeData data,
            java.util.Map<String, Map<CoreMessage, Msg>> mirror, String attack, PropertyId property, ProofScope scope) {
        return prove(data, mirror, attack, property, scope, true);
    }

    private static org.mptcpverify.models.proof.ProofResult prove(SchemeData data, Map<String, Map<CoreMessage, Msg>> mirror,
            String attack, PropertyId property, ProofScope scope, boolean other) {
        org.mptcpverify.models.proof.ProofResult java = other
                ? org.mptcpverify.models.proof.InductiveProof.proveOtherEnd(data, mirror, attack, property, scope)
                : org.mptcpverify.models.proof.InductiveProof.prove(data, attack, property, scope);
        if (java.status() == ProofStatus.NOT_ATTEMPTED) {
            return java;
        }
        long t0 = System.nanoTime();
        Result a;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mptcp-proof-alloy");
            a = check(data, mirror, attack, property, scope, dir, other);
        } catch (IOException e) {
            a = new Result(ProofStatus.NOT_ATTEMPTED, null, null, "", "no run folder: " + e.getMessage(), List.of());
        } finally {
            delete(dir);
        }
        long millis = java.millis() + (System.nanoTime() - t0) / 1_000_000;
        String javaStatus = "java-closure: " + java.status() + (java.failedCheck() == null ? "" : " (" + java.failedCheck() + ")");
        if (a.status() == ProofStatus.NOT_ATTEMPTED) {
            return java.withCrossCheck("alloy-induction not run: " + a.reason());
        }
        String scopeText = java.scope() + "; " + SCOPE;
        if (a.status() != java.status()) {
            return new org.mptcpverify.models.proof.ProofResult(ProofStatus.NOT_PROVED, METHOD, ENGINE, scopeText,
                    "the engines disagree: alloy-induction " + a.status() + (a.failedCheck() == null ? "" : " (" + a.failedCheck()
                    + ")") + ", " + javaStatus + "; alloy: " + a.reason() + "; java: " + java.reason(), "agreement",
                    a.counterexample() != null ? a.counterexample() : java.counterexample(), millis, javaStatus + " (disagrees)");
        }
        if (a.status() == ProofStatus.PROVED) {
            return new org.mptcpverify.models.proof.ProofResult(ProofStatus.PROVED, METHOD, ENGINE, scopeText,
                    java.reason() + "; alloy: " + a.reason() + " (" + a.scope() + ")", null, null, millis, javaStatus + " (agrees)");
        }
        String cex = a.counterexample() == null ? java.counterexample() : java.counterexample() == null ? "alloy: "
                + a.counterexample() : "alloy: " + a.counterexample() + "; java-closure: " + java.counterexample();
        return new org.mptcpverify.models.proof.ProofResult(ProofStatus.NOT_PROVED, METHOD, ENGINE, scopeText, a.reason(),
                a.failedCheck(), cex, millis, javaStatus + (java.failedCheck() != null
                && !java.failedCheck().equals(a.failedCheck()) ? " (agrees on the status, fails another check)" : " (agrees)"));
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    /** Checks the cell's invariant in Alloy, in run folders under {@code workDir}. */
    public static Result check(SchemeData data, String attack, PropertyId property, ProofScope scope, Path workDir) {
        return check(data, Map.of(), attack, property, scope, workDir, false);
    }

    /** As {@link #check(SchemeData, String, PropertyId, ProofScope, Path)}, at the other end when {@code other}. */
    public static Result check(SchemeData data, Map<String, Map<CoreMessage, Msg>> mirror, String attack, PropertyId property,
                               ProofScope scope, Path workDir, boolean other) {
        List<ProofExport> systems = ProofExport.of(data, mirror, attack, property, scope, other);
        if (systems.isEmpty()) {
            return new Result(ProofStatus.NOT_ATTEMPTED, null, null, "", "no candidate invariant for this cell", List.of());
        }
        List<Command> commands = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        boolean witness = false;
        for (ProofExport sys : systems) {
            Path file;
            Module mod;
            try {
                mod = new Module(data, sys, property, scope);
                file = mod.write(workDir.resolve(sys.system()));
            } catch (IllegalArgumentException e) {
                return new Result(ProofStatus.NOT_ATTEMPTED, null, null, "", "the Alloy modules cannot express it: "
                        + e.getMessage(), commands);
            }
            scopes.add(sys.system() + ": " + mod.sizes());
            AlloyWarmUp.ensure();
            try {
                AlloyAnalyzer.PERMIT.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(ProofStatus.NOT_ATTEMPTED, null, null, "", "interrupted", commands);
            }
            try {
                AlloyRunner runner = AlloyRunner.parse(file, AlloyAnalyzer.DEFAULT_SOLVER, file.getParent(), 0);
                for (String label : CHECKS) {
                    AlloyRunner.Solved s = runner.execute(label);
                    commands.add(command(sys.system(), s));
                    if (s.satisfiable()) {
                        // one vocabulary with the Java checks: base, step, implication
                        return new Result(ProofStatus.NOT_PROVED, label.equals("Property") ? "implication"
                                : label.toLowerCase(java.util.Locale.ROOT),
                                sys.system() + " system: " + describe(runner, s.solution(), mod), String.join("; ", scopes),
                                sys.system() + " system: Alloy found a counterexample to " + label, commands);
                    }
                }
                if (sys.silenced() == null) {
                    AlloyRunner.Solved w = runner.execute("Witness");
                    commands.add(command(sys.system(), w));
                    witness = w.satisfiable();
                }
            } catch (Err e) {
                return new Result(ProofStatus.NOT_ATTEMPTED, null, null, "", "Alloy error: " + e.getMessage().lines()
                        .findFirst().orElse(""), commands);
            } finally {
                AlloyAnalyzer.PERMIT.release();
            }
        }
        if (!witness) {
            return new Result(ProofStatus.NOT_PROVED, "implication", null, String.join("; ", scopes),
                    "no attacker-delivered segment reaches a check from the invariant: the invariant holds vacuously", commands);
        }
        return new Result(ProofStatus.PROVED, null, null, String.join("; ", scopes), "Base, Step and Property have no "
                + "counterexample in any system; Witness: an attacker delivery reaches a check", commands);
    }

    private static Command command(String system, AlloyRunner.Solved s) {
        return new Command(system, s.label(), s.satisfiable(), s.totalVars(), s.clauses(), s.seconds(), s.cpuSeconds());
    }

    /** The counterexample's pre-state and transition, as Alloy evaluates them. */
    private static String describe(AlloyRunner runner, A4Solution sol, Module mod) {
        StringBuilder b = new StringBuilder();
        for (String e : List.of("Pre.stage", "Tr.how", "Tr.role", "Tr.g", "Tr.from.vsl", "Tr.from.vorig", "Tr.ix", "fld",
                "Pre.know - initKnow")) {
            try {
                Object v = sol.eval(CompUtil.parseOneExpression_fromString(runner.world(), e));
                b.append(b.length() == 0 ? "" : "; ").append(e).append(" = ").append(mod.readable(clean(String.valueOf(v))));
            } catch (Err ex) {
                b.append("; ").append(e).append(": ").append(ex.getMessage().lines().findFirst().orElse(""));
            }
        }
        return b.toString();
    }

    private static String clean(String s) {
        return s.replaceAll("(\\w+/)?(\\w+)\\$0", "$2");
    }

    // ------------------------------------------------------------------------------------ generation

    /** The generated modules of one system. */
    static final class Module {
        private final SchemeData data;
        private final ProofExport sys;
        private final PropertyId property;
        private final ProofScope scope;
        private final Map<Term, G> g = new LinkedHashMap<>();
        private final Map<G, String> name = new LinkedHashMap<>();
        private final List<G> terms = new ArrayList<>();
        private final Map<Map<String, Term>, String> vals = new LinkedHashMap<>();
        private final Map<ProofExport.SegView, String> segs = new LinkedHashMap<>();

        Module(SchemeData data, ProofExport sys, PropertyId property, ProofScope scope) {
            this.data = data;
            this.sys = sys;
            this.property = property;
            this.scope = scope;
            universe();
        }

        /** {@code s} with every compound term atom ({@code T<n>}) written out. */
        String readable(String s) {
            Map<String, String> byName = new java.util.HashMap<>();
            name.forEach((t, n) -> byName.put(n, AlloyTermDag.pretty(t)));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bT\\d+\\b").matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(byName.getOrDefault(m.group(), m.group())));
            }
            m.appendTail(out);
            return out.toString();
        }

        String sizes() {
            return "exactly " + terms.size() + " terms, " + vals.size() + " role states, " + segs.size()
                    + " honest segments; one pre-state and one transition, each arbitrary";
        }

        Path write(Path dir) {
            Path core = AlloyCoreChecker.locateCore();
            Path proof = core.getParent().resolve("proof");
            try {
                Files.createDirectories(dir);
                for (String m : List.of("termsig.als", "terms.als", "lang.als")) {
                    AtomicWrite.text(dir.resolve(m), Files.readString(core.resolve(m), StandardCharsets.UTF_8));
                }
                for (String m : List.of("proofsig.als", "induction.als")) {
                    AtomicWrite.text(dir.resolve(m), Files.readString(proof.resolve(m), StandardCharsets.UTF_8));
                }
                AtomicWrite.text(dir.resolve("scheme.als"), AlloySchemeModule.render(data, data.name() + " (definition)"));
                AtomicWrite.text(dir.resolve("mirror.als"), AlloyMirrorModule.render(data.name(), sys.mirror()));
                AtomicWrite.text(dir.resolve("dag.als"), dag());
                AtomicWrite.text(dir.resolve("inv.als"), inv());
                return dir.resolve("induction.als");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        // ---------------------------------------------------------------- terms

        private void universe() {
            Set<G> all = new LinkedHashSet<>();
            List<Term> roots = new ArrayList<>(sys.universe());
            for (ProofExport.Part p : List.of(sys.passive(), sys.active())) {
                roots.addAll(p.know());
                p.vals().values().forEach(vs -> vs.forEach(v -> v.forEach((k, t) -> {
                    if (!k.startsWith("@")) {
                        roots.add(t);
                    }
                })));
                p.sent().forEach(s -> roots.addAll(s.fields().values()));
            }
            for (Term t : roots) {
                all.add(conv(t));
            }
            List<Map<CoreMessage, Msg>> modes = new ArrayList<>(data.modes().values());
            modes.addAll(sys.mirror().values());
            for (Map<CoreMessage, Msg> mode : modes) {
                for (Msg m : mode.values()) {
                    for (Tmpl t : templates(m)) {
                        labels(t, all);
                    }
                }
            }
            Set<G> closed = new TreeSet<>(java.util.Comparator.comparing(AlloyTermDag::key));
            Deque<G> todo = new ArrayDeque<>(all);
            while (!todo.isEmpty()) {
                G t = todo.pop();
                if (closed.add(t)) {
                    todo.addAll(AlloyTermDag.children(t));
                }
            }
            int i = 0;
            for (G t : closed) {
                if (predeclared(t)) {
                    name.put(t, ((Leaf) t).atom());
                    continue;
                }
                terms.add(t);
                name.put(t, t instanceof Leaf l ? l.atom() : "T" + (i++));
            }
        }

        private static List<Tmpl> templates(Msg m) {
            List<Tmpl> l = new ArrayList<>();
            l.addAll(m.keep().values());
            l.addAll(m.fields().values());
            l.addAll(m.stores().values());
            m.checks().forEach(c -> l.add(c.expect()));
            if (m.lookup() != null && m.lookup().expect() != null) {
                l.add(m.lookup().expect());
            }
            return l;
        }

        private static void labels(Tmpl t, Set<G> out) {
            if (t instanceof Tmpl.Lbl l) {
                out.add(new Leaf("Label", AlloyTermDag.label(l.text())));
            }
            AlloyTermDag.parts(t).forEach(p -> labels(p, out));
        }

        private static void slots(Tmpl t, Set<String> out) {
            if (t instanceof Tmpl.Slot s) {
                out.add(s.name());
            }
            AlloyTermDag.parts(t).forEach(p -> slots(p, out));
        }

        private static boolean predeclared(G t) {
            return t instanceof Leaf l && (l.sig().equals("Num") || l.sig().equals("Addr") || l.sig().equals("Zero"));
        }

        /** The proof's term as a term of the Alloy algebra (termsig.als). */
        G conv(Term t) {
            G r = g.get(t);
            if (r == null) {
                r = convert(t);
                g.put(t, r);
            }
            return r;
        }

        private G convert(Term t) {
            switch (t.op()) {
                case "atom" -> {
                    String n = t.n();
                    if (t.equals(ProofExport.KEY)) {
                        return new Leaf("Key", "K");
                    }
                    switch (n) {
                        case "c.a1" -> {
                            return new Leaf("Addr", "C1A1");
                        }
                        case "s.a1" -> {
                            return new Leaf("Addr", "SA1");
                        }
                        case "s.a2" -> {
                            return new Leaf("Addr", "SA2");
                        }
                        default -> {
                        }
                    }
                    if (n.startsWith("x.")) {
                        return new Leaf("XAtom", "X_" + sanitize(n.substring(2)));
                    }
                    return new Leaf("Nonce", "N_" + sanitize(n));
                }
                case "lbl" -> {
                    return new Leaf("Label", AlloyTermDag.label(t.n()));
                }
                case "int" -> {
                    long v = Long.parseLong(t.n());
                    if (v < 0 || v > AlloyTermDag.MAX_NUM) {
                        throw new IllegalArgumentException("integer " + v + " outside the Alloy Num range");
                    }
                    return new Leaf("Num", "I" + v);
                }
                case "zero" -> {
                    return AlloyTermDag.ZERO;
                }
                case "hash", "token", "idsn" -> {
                    return new App(t.op().toUpperCase(java.util.Locale.ROOT), conv(t.args().get(0)));
                }
                case "truncL", "truncR" -> {
                    String op = (t.op().equals("truncL") ? "TL" : "TR") + t.n();
                    if (!List.of("TL32", "TL64", "TL160", "TR64").contains(op)) {
                        throw new IllegalArgumentException("no Alloy operator for " + t.op() + " " + t.n());
                    }
                    return new App(op, conv(t.args().get(0)));
                }
                case "hmac" -> {
                    return new Hm(conv(t.args().get(0)), conv(t.args().get(1)));
                }
                case "cat" -> {
                    G acc = null;
                    for (int i = t.args().size() - 1; i >= 0; i--) {
                        G p = conv(t.args().get(i));
                        acc = acc == null ? p : AlloyTermDag.cat(p, acc);
                    }
                    return acc;
                }
                default -> throw new IllegalArgumentException("no Alloy term for " + t.op());
            }
        }

        private static String sanitize(String s) {
            return s.replaceAll("[^A-Za-z0-9]", "_");
        }

        private String n(Term t) {
            return name.get(conv(t));
        }

        // ---------------------------------------------------------------- dag.als

        String dag() {
            StringBuilder b = new StringBuilder();
            b.append("module dag\n\n/*\n * GENERATED by AlloyInduction for ").append(data.name()).append(" (")
                    .append(sys.system()).append(" system): the term universe of the induction check (")
                    .append(terms.size()).append(" terms besides the predeclared numbers and addresses) and its\n"
                    + " * constructor tables as constants. Do not edit.\n */\nopen termsig\n\n");
            Map<String, List<String>> bySig = new TreeMap<>();
            for (G t : terms) {
                bySig.computeIfAbsent(AlloyTermDag.sigOf(t), s -> new ArrayList<>()).add(name.get(t));
            }
            bySig.forEach((sig, atoms) -> b.append("one sig ").append(String.join(", ", atoms)).append(" extends ")
                    .append(sig).append(" {}\n"));
            Set<String> slots = new TreeSet<>(data.slots());
            slots.addAll(data.jslots());
            b.append("one sig ").append(String.join(", ", slots.stream().map(AlloySchemeModule::slot).toList()))
                    .append(" extends SlotName {}\n");
            Set<String> fields = fieldNames();
            fields.remove("addr");
            if (!fields.isEmpty()) {
                b.append("one sig ").append(String.join(", ", fields.stream().map(AlloySchemeModule::field).toList()))
                        .append(" extends FieldName {}\n");
            }
            b.append('\n');
            for (G t : terms) {
                if (!(t instanceof Leaf)) {
                    b.append("-- ").append(name.get(t)).append(" = ").append(AlloyTermDag.pretty(t)).append('\n');
                }
            }
            AlloyTermDag.constructorTables(b, new ArrayList<>(name.keySet()), name);
            return b.toString();
        }

        private Set<String> fieldNames() {
            Set<String> fields = new TreeSet<>();
            data.modes().values().forEach(m -> m.values().forEach(d -> fields.addAll(d.fields().keySet())));
            sys.mirror().values().forEach(m -> m.values().forEach(d -> fields.addAll(d.fields().keySet())));
            return fields;
        }

        // ---------------------------------------------------------------- inv.als

        String inv() {
            StringBuilder b = new StringBuilder();
            b.append("module inv\n\n/*\n * GENERATED by AlloyInduction for ").append(data.name()).append(", ")
                    .append(property.modelName()).append(", ").append(sys.system()).append(" system, scope: ")
                    .append(scope.describe()).append(".\n * The candidate invariant per stage (computed from the definition by "
                    + "InductiveProof), the roles and the\n * definition's facts the transitions need. Do not edit.\n */\n");
            b.append("open termsig\nopen dag\nopen lang\nopen scheme\nopen mirror\nopen proofsig\n\n");
            List<String> roles = sys.roles();
            b.append("one sig ").append(String.join(", ", roles.stream().map(Module::role).toList())).append(" extends Role {}\n");
            List<String> rc = roles.stream().filter(r -> r.equals(ProofRoles.connectionOf(r)) && ProofRoles.clientSide(r)).toList();
            List<String> rs = roles.stream().filter(r -> r.equals(ProofRoles.connectionOf(r)) && !ProofRoles.clientSide(r)).toList();
            List<String> cj = roles.stream().filter(r -> !r.equals(ProofRoles.connectionOf(r)) && ProofRoles.clientSide(r)).toList();
            List<String> sj = roles.stream().filter(r -> !r.equals(ProofRoles.connectionOf(r)) && !ProofRoles.clientSide(r)).toList();
            b.append("fun RC: set Role { ").append(union(rc.stream().map(Module::role).toList())).append(" }\n");
            b.append("fun RS: set Role { ").append(union(rs.stream().map(Module::role).toList())).append(" }\n");
            b.append("fun cjoins: set Role { ").append(union(cj.stream().map(Module::role).toList())).append(" }\n");
            b.append("fun sjoins: set Role { ").append(union(sj.stream().map(Module::role).toList())).append(" }\n");
            rel(b, "jix", "Role -> Num", cj.stream().map(r -> role(r) + " -> I" + ProofRoles.joinIndex(r)).toList());
            List<String> peers = new ArrayList<>();
            List<String> conn = new ArrayList<>();
            List<String> host = new ArrayList<>();
            List<String> owner = new ArrayList<>();
            for (String r : roles) {
                if (ProofRoles.peer(r) != null) {
                    peers.add(role(r) + " -> " + role(ProofRoles.peer(r)));
                }
                conn.add(role(r) + " -> " + role(ProofRoles.connectionOf(r)));
                host.add(role(r) + " -> " + ghost(ProofRoles.host(r)));
                owner.add(role(r) + " -> " + ghost(ProofRoles.owner(r)));
            }
            // the ghosts of the second and further clients (proofsig.als declares GClient, GServer, GAttacker)
            List<String> more = new java.util.ArrayList<>(new TreeSet<>(roles.stream().map(r -> ghost(ProofRoles.host(r)))
                    .filter(g -> g.startsWith("GClient_")).toList()));
            if (!more.isEmpty()) {
                b.append("one sig ").append(String.join(", ", more)).append(" extends Ghost {}\n");
            }
            rel(b, "peer", "Role -> Role", peers);
            rel(b, "conn", "Role -> Role", conn);
            rel(b, "host", "Role -> Ghost", host);
            rel(b, "owner", "Role -> Ghost", owner);
            // role states
            Map<Map<String, Term>, String> vs = vals;
            vs.put(Map.of(), "V0");
            for (ProofExport.Part p : List.of(sys.passive(), sys.active())) {
                p.vals().values().forEach(l -> l.forEach(v -> vs.computeIfAbsent(new TreeMap<>(v), k -> "V" + vs.size())));
                for (List<ProofExport.SegView> l : List.of(p.sent(), p.observed())) {
                    l.forEach(s -> segs.computeIfAbsent(s, k -> "Sg" + segs.size()));
                }
            }
            b.append("\none sig ").append(String.join(", ", vs.values())).append(" extends Val {}\n");
            List<String> vsl = new ArrayList<>();
            List<String> vidx = new ArrayList<>();
            List<String> vorig = new ArrayList<>();
            vs.forEach((v, a) -> v.forEach((k, t) -> {
                if (k.equals(ProofExport.IDX)) {
                    vidx.add(a + " -> " + n(t));
                } else if (k.equals(ProofExport.ORIGIN)) {
                    vorig.add(a + " -> " + ghost(t));
                } else {
                    vsl.add(a + " -> " + AlloySchemeModule.slot(k) + " -> " + n(t));
                }
            }));
            rel(b, "vsl", "Val -> SlotName -> Term", vsl);
            rel(b, "vidx", "Val -> Num", vidx);
            rel(b, "vorig", "Val -> Ghost", vorig);
            if (!segs.isEmpty()) {
                b.append("one sig ").append(String.join(", ", segs.values())).append(" extends ISeg {}\n");
            }
            List<String> skind = new ArrayList<>();
            List<String> sfld = new ArrayList<>();
            List<String> sfrom = new ArrayList<>();
            segs.forEach((s, a) -> {
                skind.add(a + " -> " + (s.mirrored() ? AlloyMirrorModule.name(s.kind()) : s.kind().name()));
                sfrom.add(a + " -> " + role(s.from()));
                s.fields().forEach((f, t) -> sfld.add(a + " -> " + AlloySchemeModule.field(f) + " -> " + n(t)));
            });
            rel(b, "skind", "ISeg -> MsgName", skind);
            rel(b, "sfld", "ISeg -> FieldName -> Term", sfld);
            rel(b, "sfrom", "ISeg -> Role", sfrom);
            // the invariant per stage
            List<String> know = new ArrayList<>();
            List<String> ival = new ArrayList<>();
            List<String> isent = new ArrayList<>();
            List<String> iobs = new ArrayList<>();
            Map<String, ProofExport.Part> stages = new LinkedHashMap<>();
            stages.put("Passive", sys.passive());
            stages.put("Active", sys.active());
            stages.forEach((st, p) -> {
                Set<String> k = new TreeSet<>();
                p.know().forEach(t -> analysed(conv(t), k));
                k.forEach(x -> know.add(st + " -> " + x));
                p.vals().forEach((r, l) -> l.forEach(v -> ival.add(st + " -> " + role(r) + " -> " + vs.get(new TreeMap<>(v)))));
                p.sent().forEach(s -> isent.add(st + " -> " + segs.get(s)));
                p.observed().forEach(s -> iobs.add(st + " -> " + segs.get(s)));
            });
            rel(b, "invKnow", "Stage -> Term", know);
            rel(b, "invVal", "Stage -> Role -> Val", ival);
            rel(b, "invSent", "Stage -> ISeg", isent);
            rel(b, "invObs", "Stage -> ISeg", iobs);
            Set<String> init = new TreeSet<>();
            sys.initial().forEach(t -> analysed(conv(t), init));
            b.append("fun initKnow: set Term { ").append(union(new ArrayList<>(init))).append(" }\n");
            b.append("fun seenAlways: set MsgName { ").append(msgs(sys.seenAlways())).append(" }\n");
            b.append("fun seenUntilActive: set MsgName { ").append(msgs(sys.seenUntilActive())).append(" }\n");
            b.append("fun silenced: set MsgName { ").append(sys.silenced() == null ? "none" : sys.other()
                    ? AlloyMirrorModule.name(sys.silenced()) : sys.silenced().name()).append(" }\n");
            CoreMessage guarded = switch (property) {
                case JOIN_AUTHENTICITY -> CoreMessage.JOIN_ACK;
                case ADDR_AUTHENTICITY -> CoreMessage.ADD_ADDR;
                case CLOSE_AUTHENTICITY -> CoreMessage.FASTCLOSE;
                case JOIN_ANSWER_AUTHENTICITY -> CoreMessage.JOIN_SYNACK;
                default -> null;
            };
            b.append("fun guarded: set MsgName { ").append(guarded == null ? "none" : sys.other()
                    ? AlloyMirrorModule.name(guarded) : guarded.name()).append(" }\n");
            b.append("pred secrecy { ").append(property == PropertyId.EXTERNAL_KEY_SECRECY ? "Y = Y" : "Y = N").append(" }\n");
            List<String> fresh = new ArrayList<>();
            sys.fresh().forEach((r, m) -> m.forEach((k, t) -> fresh.add(role(r) + " -> " + k.name() + " -> " + n(t))));
            rel(b, "fresh", "Role -> MsgName -> Term", fresh);
            List<String> xat = new ArrayList<>();
            fieldNames().forEach(f -> xat.add(AlloySchemeModule.field(f) + " -> " + n(ProofExport.attackerAtom(f))));
            rel(b, "xat", "FieldName -> Term", xat);
            // from the definition: the fields a receiver compares, the slots a sender's templates read, the lookup's indexes
            List<String> checked = new ArrayList<>();
            List<String> needs = new ArrayList<>();
            List<String> cands = new ArrayList<>();
            for (Map.Entry<String, Map<CoreMessage, Msg>> mode : sys.mirror().entrySet()) {
                String md = AlloySchemeModule.mode(mode.getKey());
                for (Map.Entry<CoreMessage, Msg> e : mode.getValue().entrySet()) {
                    String mg = AlloyMirrorModule.name(e.getKey());
                    e.getValue().checks().stream().map(Check::field).distinct().sorted()
                            .forEach(f -> checked.add(md + " -> " + mg + " -> " + AlloySchemeModule.field(f)));
                    Set<String> sl = new TreeSet<>();
                    e.getValue().keep().values().forEach(t -> slots(t, sl));
                    e.getValue().fields().values().forEach(t -> slots(t, sl));
                    sl.forEach(x -> needs.add(md + " -> " + mg + " -> " + AlloySchemeModule.slot(x)));
                }
            }
            for (Map.Entry<String, Map<CoreMessage, Msg>> mode : data.modes().entrySet()) {
                String md = AlloySchemeModule.mode(mode.getKey());
                for (Map.Entry<CoreMessage, Msg> e : mode.getValue().entrySet()) {
                    Msg m = e.getValue();
                    Set<String> cf = new TreeSet<>();
                    m.checks().stream().map(Check::field).forEach(cf::add);
                    if (e.getKey() == CoreMessage.JOIN_SYN && m.lookup() != null && m.lookup().select().equals("token")) {
                        cf.add(m.lookup().field());
                    }
                    cf.forEach(f -> checked.add(md + " -> " + e.getKey().name() + " -> " + AlloySchemeModule.field(f)));
                    Set<String> sl = new TreeSet<>();
                    m.keep().values().forEach(t -> slots(t, sl));
                    m.fields().values().forEach(t -> slots(t, sl));
                    sl.forEach(s -> needs.add(md + " -> " + e.getKey().name() + " -> " + AlloySchemeModule.slot(s)));
                }
                Msg syn = mode.getValue().get(CoreMessage.JOIN_SYN);
                int w = syn == null || syn.lookup() == null ? 0 : syn.lookup().window();
                if (w == 0) {
                    cands.add(md + " -> I0");
                } else {
                    if (scope.clientJoins() + w > AlloyTermDag.MAX_NUM) {
                        throw new IllegalArgumentException("join index " + (scope.clientJoins() + w) + " beyond I"
                                + AlloyTermDag.MAX_NUM);
                    }
                    for (int i = 1; i <= scope.clientJoins() + w; i++) {
                        cands.add(md + " -> I" + i);
                    }
                }
            }
            rel(b, "checked", "Mode -> MsgName -> FieldName", checked);
            rel(b, "needs", "Mode -> MsgName -> SlotName", needs);
            rel(b, "cands", "Mode -> Num", cands);
            return b.toString();
        }

        /** {@code t} and, for a concatenation, its head and tail, recursively (what analysis gives in the Alloy algebra). */
        private void analysed(G t, Set<String> out) {
            if (out.add(name.get(t)) && t instanceof Ct c) {
                analysed(c.hd(), out);
                analysed(c.tl(), out);
            }
        }

        /** The kinds as Alloy names; with mirror messages, a seen kind is seen in both directions. */
        private String msgs(Set<CoreMessage> ms) {
            List<String> names = new ArrayList<>(ms.stream().sorted().map(CoreMessage::name).toList());
            if (!sys.mirror().isEmpty()) {
                ms.stream().sorted().filter(g -> g == CoreMessage.ADD_ADDR || g == CoreMessage.FASTCLOSE)
                        .forEach(g -> names.add(AlloyMirrorModule.name(g)));
            }
            return union(names);
        }

        private static String role(String r) {
            return "R_" + r;
        }

        /** The Alloy ghost of a host term (ProofSystem's CLIENT, "client_2", SERVER, ATTACKER). */
        private static String ghost(Term t) {
            if (t.equals(ProofRoles.ATTACKER)) {
                return "GAttacker";
            } else if (t.equals(ProofRoles.SERVER)) {
                return "GServer";
            } else if (t.equals(ProofRoles.CLIENT)) {
                return "GClient";
            }
            return "GClient_" + t.n().substring("client_".length());
        }

        private static String union(List<String> parts) {
            return parts.isEmpty() ? "none" : String.join(" + ", parts);
        }

        private static void rel(StringBuilder b, String fun, String type, List<String> tuples) {
            AlloyTermDag.rel(b, fun, type, tuples);
        }
    }
}
