package org.mptcpverify.mutants;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.matrix.CellOutcome;
import org.mptcpverify.mutants.MutationAnalysis.MutantResult;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.Verdict;

/**
 * Why a mutant survived, read off the run itself (docs/mutants.md, "Survivors, with the reason"):
 * which cells judge the mutated statement, and what the original and the mutant did there. A cell
 * judges a statement when one of its properties depends on the statement's segment kind
 * ({@link PropertyId#decidedBy}, the kinds the witnesses count). The code says which of five cases
 * holds; only {@link Code#HOLDS_ON_MUTANT} needs a person to say why (a redundant check, a mode no
 * column reaches, a move no attacker has), and docs/mutants.md must say it for each such survivor.
 */
public final class SurvivorTriage {
    /** The cases, in the order they are tried. */
    public enum Code {
        /** No property of any cell run depends on the statement's segment kind: a property may be missing. */
        UNJUDGED("unjudged"),
        /** Every property that depends on it is VIOLATED on the original in every cell that judges it. */
        ALREADY_VIOLATED("already-violated"),
        /** The mutant's new violation of a judging property did not confirm (its {@code unconfirmed} entry says why). */
        UNCONFIRMED("unconfirmed"),
        /** A judging property the original does not violate was not decided on the mutant (or the original). */
        UNDECIDED("undecided"),
        /** Some judging property holds on the original and still holds on the mutant, within the bounds. */
        HOLDS_ON_MUTANT("holds-on-mutant");

        public final String word;

        Code(String word) {
            this.word = word;
        }
    }

    /** One judging cell: its attack and engine, the judging properties, the original's and the mutant's verdicts. */
    public record Judge(String attack, String engine, List<PropertyId> properties, Verdict original, Verdict mutant,
                        List<PropertyId> violatedOnOriginal, List<PropertyId> newOnMutant) {
        /** Every judging property is VIOLATED on the original here. */
        boolean allViolated() {
            return violatedOnOriginal.containsAll(properties);
        }

        /** The judging properties the original does not violate here. */
        List<PropertyId> open() {
            return properties.stream().filter(p -> !violatedOnOriginal.contains(p)).toList();
        }

        /**
         * Whether the cell decided its judging properties on both rows: neither INCONCLUSIVE, and a
         * mutant run that stopped at a violation of some other property did not decide these.
         */
        boolean decided() {
            return original != Verdict.INCONCLUSIVE && mutant != Verdict.INCONCLUSIVE
                    && (mutant != Verdict.VIOLATED || !newOnMutant.isEmpty());
        }
    }

    /** The code, the statement's segment kind, and every judging cell. */
    public record Triage(Code code, Phase phase, List<Judge> judges) {
        /** The judging cells whose properties the original does not violate (where the check could have mattered). */
        public List<Judge> open() {
            return judges.stream().filter(j -> !j.allViolated()).toList();
        }

        /** One line for a reader: the code and the cells behind it. */
        public String summary() {
            return switch (code) {
                case UNJUDGED -> "no property of any column depends on " + phase.keyword() + " segments";
                case ALREADY_VIOLATED -> "every column that judges " + phase.keyword() + " is VIOLATED on the original ("
                        + cells(judges) + ")";
                case UNCONFIRMED -> "a new violation did not confirm in " + cells(open().stream()
                        .filter(j -> !j.newOnMutant().isEmpty()).toList());
                case UNDECIDED -> "not decided in " + cells(open().stream()
                        .filter(j -> !j.decided()).toList());
                case HOLDS_ON_MUTANT -> "holds on the original and on the mutant in " + cells(open());
            };
        }

        private static String cells(List<Judge> js) {
            List<String> out = new ArrayList<>();
            for (Judge j : js) {
                out.add(j.attack() + (j.engine().equals("traces") ? "" : "@" + j.engine()) + " ("
                        + String.join(", ", (j.allViolated() ? j.properties() : j.open()).stream().map(PropertyId::modelName).toList()) + ")");
            }
            return String.join(", ", out);
        }
    }

    private SurvivorTriage() {}

    /** The triage of a surviving mutant against its original's row (the same attacks, in the same order). */
    public static Triage of(MutantResult m, List<CellOutcome> baseline) {
        if (m.killed()) {
            throw new IllegalArgumentException(m.id() + " was killed");
        }
        Phase phase = phaseOf(m.mutant().definition(), m.mutant().message(), m.mutant().mode());
        List<Judge> judges = new ArrayList<>();
        for (int k = 0; k < baseline.size(); k++) {
            CellOutcome b = baseline.get(k);
            CellOutcome mu = m.cells().get(k);
            if (b.attack() != mu.attack()) {
                throw new IllegalArgumentException("rows of " + m.id() + " and its original differ at " + k);
            }
            List<PropertyId> ps = b.properties().stream().filter(p -> dependsOn(p, phase)).toList();
            if (ps.isEmpty()) continue;
            for (var e : b.engines().entrySet()) {
                CellResult o = e.getValue();
                CellResult r = mu.engines().get(e.getKey());
                List<PropertyId> violated = o.verdict() == Verdict.VIOLATED ? ps.stream().filter(o.violated()::contains).toList() : List.of();
                List<PropertyId> fresh = r == null || r.verdict() != Verdict.VIOLATED ? List.of()
                        : ps.stream().filter(p -> r.violated().contains(p) && !o.violated().contains(p)).toList();
                judges.add(new Judge(b.attack().wireName(), e.getKey(), ps, o.verdict(), r == null ? Verdict.INCONCLUSIVE : r.verdict(),
                        violated, fresh));
            }
        }
        Code code;
        if (judges.isEmpty()) {
            code = Code.UNJUDGED;
        } else if (judges.stream().allMatch(Judge::allViolated)) {
            code = Code.ALREADY_VIOLATED;
        } else if (judges.stream().anyMatch(j -> !j.newOnMutant().isEmpty())) {
            code = Code.UNCONFIRMED;
        } else if (judges.stream().filter(j -> !j.allViolated()).anyMatch(j -> !j.decided())) {
            code = Code.UNDECIDED;
        } else {
            code = Code.HOLDS_ON_MUTANT;
        }
        return new Triage(code, phase, List.copyOf(judges));
    }

    /** Whether {@code p}'s verdict depends on segments of {@code phase} (both directions of the option). */
    static boolean dependsOn(PropertyId p, Phase phase) {
        Set<Phase> phases = new LinkedHashSet<>();
        p.decidedBy().forEach(k -> Phase.ofCoreMessage(k).ifPresent(phases::add));
        return phases.contains(phase);
    }

    private static Phase phaseOf(SchemeDefinition def, String message, String mode) {
        return def.messages().stream()
                .filter(x -> x.name().equals(message) && java.util.Objects.equals(x.mode(), mode))
                .map(SchemeDefinition.Message::phase).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(def.name() + ": no message " + message + (mode == null ? "" : " [" + mode + "]")));
    }
}
