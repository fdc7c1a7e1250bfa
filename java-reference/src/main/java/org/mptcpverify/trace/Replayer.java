package org.mptcpverify.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.trace.TraceJson.CounterexampleFile;
import org.mptcpverify.vocab.SchemeId;

// Exchange-level replay (alloy.json of the legacy Alloy engine: ReplayCommand, charts, narration); deleted with
// that engine (docs/traces-engine.md, "Exchange-level attacker: remaining users").
/** Re-runs a counterexample file on the reference and says whether its property is violated again. */
public final class Replayer {
    private final ScenarioRunner runner;
    private final Function<String, Optional<SchemeId>> schemes;

    public Replayer() {
        this(new ReferenceRunner());
    }

    public Replayer(ScenarioRunner runner) {
        this(runner, SchemeId::byName);
    }

    /** A replayer whose files may name the schemes {@code schemes} resolves (a defined scheme run by {@code runner}). */
    public Replayer(ScenarioRunner runner, Function<String, Optional<SchemeId>> schemes) {
        this.runner = runner;
        this.schemes = schemes;
    }

    /** A replay: the file, what the reference did, and the recorded property's violation if it came back. */
    public record Replay(CounterexampleFile file, RunOutcome outcome, Optional<RunOutcome.Violation> violation) {
        public boolean reproduced() {
            return violation.isPresent();
        }

        /** One line per action (what each side did), then the verdict. */
        public List<String> report() {
            List<String> lines = new ArrayList<>();
            lines.add(file.scheme() + " / " + file.attack() + " (" + file.engine() + ", seed " + file.seed()
                    + (file.keyedSide() != null ? ", key at the " + file.keyedSide() : "")
                    + (file.attackerHasKey() ? ", attacker given the key" : "")
                    + (file.guessedKey() != null ? ", attacker guessing the key " + file.guessedKey() : "") + ")");
            for (int i = 0; i < outcome.steps().size(); i++) {
                lines.add(String.format("%2d. %s", i + 1, outcome.steps().get(i)));
            }
            lines.add(violation.map(v -> file.property() + ": VIOLATED again at action " + (v.atStep() + 1) + ": " + v.explanation())
                    .orElse(file.property() + ": NOT violated on replay"));
            return lines;
        }
    }

    public Replay replay(CounterexampleFile f) {
        RunOutcome o = runner.run(f.scenario(), f.actions());
        return new Replay(f, o, o.violations().stream().filter(v -> v.property() == f.property()).findFirst());
    }

    public Replay replay(Path file) throws BadTraceFileException {
        CounterexampleFile f = TraceJson.read(file, schemes);
        try {
            return replay(f);
        } catch (IllegalArgumentException e) {
            throw new BadTraceFileException(e.getMessage());
        }
    }
}
