package org.mptcpverify.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.matrix.CellProof;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.models.proof.InductiveProof;
import org.mptcpverify.models.proof.ProofResult;
import org.mptcpverify.models.proof.ProofScope;
import org.mptcpverify.models.proof.ProofStatus;
import org.mptcpverify.models.proof.ProofTlc;
import org.mptcpverify.traces.generic.GenericAttacker;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prove}: the unbounded-length proof of one cell (docs/proofs.md). */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Try to prove one cell's safety properties for traces of any length: an inductive invariant computed "
                + "from the scheme definition, checked as base case, induction step and implication (docs/proofs.md).",
                "It does not run the bounded engines: the matrix attempts a proof only for its HOLDS cells.",
                "Exit codes: 0 PROVED; 1 NOT_PROVED (a check failed: the counterexample is printed); 2 bad usage; "
                        + "3 NOT_ATTEMPTED (no proof family for the cell)."})
public final class ProveCommand implements Callable<Integer> {
    @Option(names = "--scheme", required = true, paramLabel = "S", description = "Scheme name (./mptcp-verify list schemes).")
    String scheme;

    @Option(names = "--attack", required = true, paramLabel = "A", description = "Attack profile (./mptcp-verify list attacks).")
    String attack;

    @Option(names = "--scheme-file", paramLabel = "PATH",
            description = "Prove this definition instead of the built-in one; --scheme must be the name it gives.")
    Path schemeFile;

    @Option(names = "--joins", defaultValue = "2", paramLabel = "J", description = "Joins the client starts (default: ${DEFAULT-VALUE}).")
    int joins;

    @Option(names = "--attacker-joins", defaultValue = "2", paramLabel = "H",
            description = "Server join states the attacker's segments may open (default: ${DEFAULT-VALUE}).")
    int attackerJoins;

    @Option(names = "--clients", defaultValue = "1", paramLabel = "C",
            description = "Clients of the same application (same key), each with one connection and its own joins "
                    + "(default: ${DEFAULT-VALUE}; above 1 the step is checked by the Java closure only).")
    int clients;

    @Option(names = "--give-key", description = "Negative control: the attacker knows the external key from the start.")
    boolean giveKey;

    @Option(names = "--tlc", description = "Also re-check a PROVED cell's base case and consequence with TLC and the generic core's "
            + "attacker rules (Attacker.tla); the step is checked by Alloy and Java.")
    boolean tlc;

    @Override
    public Integer call() {
        if (joins < 1 || joins > 6 || attackerJoins < 1 || attackerJoins > 6) {
            throw new UserInputException("--joins and --attacker-joins: must be in 1..6, got " + joins + " and " + attackerJoins);
        }
        if (clients < 1 || clients > 3) {
            throw new UserInputException("--clients: must be in 1..3, got " + clients);
        }
        AttackId a = Names.one(attack, "--attack", AttackId::byName, AttackId.values());
        SchemeDefinition def = schemeFile == null
                ? builtIn(Names.one(scheme, "--scheme", SchemeId::byName, SchemeId.values())) : fromFile();
        List<PropertyId> props = a.properties().stream().filter(p -> !p.equals(PropertyId.EXTERNAL_KEY_SECRECY)
                || def.keySource() != null).toList();
        ProofScope scope = new ProofScope(joins, attackerJoins, giveKey, clients);
        ProofResult r;
        if (props.stream().anyMatch(p -> !InductiveProof.PROVABLE.contains(p))) {
            r = ProofResult.notAttempted(props + ": only " + InductiveProof.PROVABLE.stream().map(PropertyId::modelName)
                    .sorted().toList() + " have a proof family");
        } else {
            try {
                r = CellProof.prove(def, a, props, scope);
            } catch (DefinitionException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        System.out.printf(Locale.ROOT, "%s / %s: %s%n", def.name(), a.wireName(), r.status());
        System.out.println("  properties: " + String.join(", ", props.stream().map(PropertyId::modelName).toList()));
        System.out.println("  method: " + r.method() + "; engine: " + r.engine());
        if (!r.crossCheck().isEmpty()) {
            System.out.println("  cross-check: " + r.crossCheck());
        }
        if (!r.scope().isEmpty()) {
            System.out.println("  scope: " + r.scope());
        }
        System.out.println("  " + (r.status() == ProofStatus.PROVED ? "checked: " : "reason: ") + r.reason());
        if (r.failedCheck() != null) {
            System.out.println("  failed check: " + r.failedCheck());
            System.out.println("  counterexample: " + r.counterexample());
        }
        System.out.printf(Locale.ROOT, "  time: %.2f s%n", r.millis() / 1000.0);
        if (tlc && r.status() == ProofStatus.PROVED && !tlcConfirms(def, a, props, scope)) {
            return Main.EXIT_FAILED;
        }
        return switch (r.status()) {
            case PROVED -> Main.EXIT_OK;
            case NOT_PROVED -> Main.EXIT_FAILED;
            case NOT_ATTEMPTED -> Main.EXIT_INCONCLUSIVE;
        };
    }

    /** TLC's re-check of each property's base case and consequence; prints one line per property. */
    private static boolean tlcConfirms(SchemeDefinition def, AttackId a, List<PropertyId> props, ProofScope scope) {
        boolean all = true;
        try {
            SchemeData data = SchemeDataBuilder.build(def);
            Path dir = Files.createTempDirectory("mptcp-prove-tlc");
            for (PropertyId p : props) {
                ProofTlc.Outcome o = ProofTlc.check(data, a.wireName(), p, scope, dir.resolve(p.modelName()));
                System.out.printf(Locale.ROOT, "  tlc: %s %s (%.1f s)%n", p, o.confirmed()
                        ? "base case and consequence confirmed" : "NOT confirmed: " + o.failed(), o.seconds());
                all &= o.confirmed();
            }
        } catch (DefinitionException | java.io.IOException e) {
            throw new UserInputException("--tlc: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserInputException("--tlc: interrupted");
        }
        return all;
    }

    private static SchemeDefinition builtIn(SchemeId s) {
        if (!s.builtIn()) {
            throw new UserInputException("--scheme: '" + s + "' is not built in; give its definition with --scheme-file");
        }
        try {
            return GenericAttacker.definition(s);
        } catch (IllegalStateException e) {
            throw new UserInputException("--scheme: " + e.getMessage());
        }
    }

    private SchemeDefinition fromFile() {
        SchemeDefinition d = SchemeFile.parse(schemeFile);
        if (!d.name().equals(scheme)) {
            throw new UserInputException(schemeFile + ":1: the file defines '" + d.name() + "', not --scheme " + scheme);
        }
        return d;
    }
}
