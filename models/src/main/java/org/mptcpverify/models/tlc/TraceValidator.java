package org.mptcpverify.models.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference -> model: checks with TLC that MptcpJoin can take every step of every reference trace
 * and reach the same observations. Reports, per trace that does not fit, the first step that does
 * not match and why (the model cannot take the action, or it reaches other observations).
 */
public final class TraceValidator {
    private static final Pattern OK = Pattern.compile("^<< ?\"ok\", (\\d+), (\\d+) ?>>$");
    private static final Pattern REACH = Pattern.compile("^<< ?\"reach\", (\\d+), (\\d+), (.*?) ?>>$");

    private final TlcProcess tlc;
    private final String specText;

    public TraceValidator() {
        this(TlcEngine.bundledSpec());
    }

    public TraceValidator(String specText) {
        this.specText = specText;
        this.tlc = new TlcProcess(TlcProcess.locateTlaTools(), 1, "1g");
    }

    /** The first step of a trace the model does not match (1-based). */
    public record Mismatch(ValidationTrace trace, int step, String reason) {
        @Override
        public String toString() {
            return trace.name() + " (" + trace.scheme() + ", " + trace.attack()
                    + (trace.keyedSide() == null ? "" : ", key on " + trace.keyedSide()) + ", seed " + trace.seed()
                    + "): step " + step + " " + describe(trace, step) + ": " + reason;
        }
    }

    /**
     * @param completed TLC explored every trace to its end (else {@code error} says why and the
     *                  mismatches are not trustworthy)
     */
    public record Result(int traces, List<Mismatch> mismatches, boolean completed, String error,
                         long distinctStates, double seconds) {
        public boolean allMatch() {
            return completed && mismatches.isEmpty();
        }
    }

    public Result validate(List<ValidationTrace> traces, Path dir, long seed, Duration timeout)
            throws IOException, InterruptedException {
        TlcEngine.deleteTree(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TlcEngine.SPEC + ".tla"), specText, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(TraceModuleWriter.MODULE + ".tla"), TraceModuleWriter.render(traces),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(TraceModuleWriter.MODULE + ".cfg"), TraceModuleWriter.cfg(),
                StandardCharsets.UTF_8);
        TlcRun run = tlc.run(dir, TraceModuleWriter.MODULE, TraceModuleWriter.MODULE + ".cfg", seed, timeout);
        TlcReport report = TlcOutput.parse(run.output());
        long states = report.distinctStates().orElse(0L);
        if (run.timedOut() || run.exitCode() != TlcRun.OK || !report.completed()) {
            String why = run.timedOut() ? "timeout" : "TLC exit code " + run.exitCode()
                    + (report.errors().isEmpty() ? "" : ": " + report.errors().get(0).replaceAll("\\s+", " "));
            return new Result(traces.size(), List.of(), false, why, states, run.seconds());
        }
        Map<Integer, Integer> reached = new HashMap<>();
        Map<String, TreeSet<String>> modelObs = new HashMap<>();
        for (String line : printed(run.output())) {
            Matcher ok = OK.matcher(line);
            if (ok.matches()) {
                reached.merge(Integer.parseInt(ok.group(1)), Integer.parseInt(ok.group(2)), Math::max);
                continue;
            }
            Matcher r = REACH.matcher(line);
            if (r.matches()) {
                modelObs.computeIfAbsent(r.group(1) + ":" + r.group(2), k -> new TreeSet<>()).add(r.group(3));
            }
        }
        List<Mismatch> mismatches = new ArrayList<>();
        for (int k = 0; k < traces.size(); k++) {
            ValidationTrace t = traces.get(k);
            int done = reached.getOrDefault(k + 1, 0);
            if (done >= t.actions().size()) {
                continue;
            }
            int step = done + 1;
            TreeSet<String> seen = modelObs.get((k + 1) + ":" + step);
            String reason;
            if (seen == null) {
                reason = t.enabled().get(step - 1)
                        ? "the reference took it, the model cannot"
                        : "the reference found it not enabled, the model can take it";
            } else {
                reason = "observations differ: reference " + t.observations().get(step - 1) + ", model "
                        + String.join(" or ", seen);
            }
            mismatches.add(new Mismatch(t, step, reason));
        }
        return new Result(traces.size(), List.copyOf(mismatches), true, null, states, run.seconds());
    }

    /** PrintT's values, each on one line (TLC breaks long values over several lines). */
    static List<String> printed(String output) {
        List<String> values = new ArrayList<>();
        StringBuilder cur = null;
        int depth = 0;
        for (String line : output.split("\\R")) {
            if (cur == null) {
                if (!line.startsWith("<<")) {
                    continue;
                }
                cur = new StringBuilder();
                depth = 0;
            }
            cur.append(cur.length() == 0 ? "" : " ").append(line.strip());
            depth += count(line, "<<") - count(line, ">>");
            if (depth <= 0) {
                values.add(cur.toString().replaceAll("\\s+", " ").replace("[ ", "[").replace(" ]", "]"));
                cur = null;
            }
        }
        return values;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    static String describe(ValidationTrace t, int step) {
        var a = t.actions().get(step - 1);
        return a.name() + "(" + a.client()
                + (a instanceof org.mptcpverify.trace.TraceAction.SpoofJoinSyn s ? ", " + s.mode() + ", " + s.src() : "")
                + ")";
    }
}
