package org.mptcpverify.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.matrix.EngineRegistry;
import org.mptcpverify.matrix.MatrixFormats;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One cell at rising bounds: where a verdict stabilises, and what each level costs. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Check one (scheme, attack) cell with one engine at rising values of one bound.",
                "--bounds names the swept key as KEY=FROM..TO and may fix other keys as KEY=N.",
                "Prints per level the verdict, the size checked (TLC distinct states, Alloy clauses, traces run) and "
                        + "the time, and writes sweep.json into --out.",
                "After a level times out the larger ones are not run.",
                "Exit codes: 0 every level HOLDS or NOT_APPLICABLE; 1 some level VIOLATED; 3 some level INCONCLUSIVE; 2 bad usage."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--engine", required = true, paramLabel = "E", description = "traces, tlc or alloy.")
    String engine;

    @Option(names = "--scheme", required = true, paramLabel = "S", description = "A scheme name.")
    String scheme;

    @Option(names = "--attack", required = true, paramLabel = "A", description = "An attack name.")
    String attack;

    @Option(names = "--bounds", required = true, paramLabel = "KEY=FROM..TO[,KEY=N...]",
            description = "The swept bound and any fixed ones, e.g. joins=1..5,injections=2.")
    String bounds;

    @Option(names = "--format", defaultValue = "text", paramLabel = "F", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", defaultValue = "target/sweep", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "20261127", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS", description = "Per level (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "tlc: TLC's own worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    /** The swept key, its levels, and the fixed bounds. */
    record Plan(String key, List<Integer> levels, Bounds fixed) {
        Bounds at(int level) {
            return fixed.with(key, level);
        }
    }

    /** Parses {@code KEY=FROM..TO[,KEY=N...]}: exactly one ranged key, FROM <= TO, at most 64 levels. */
    static Plan plan(String text) {
        String ranged = null;
        List<String> fixed = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.contains("..")) {
                if (ranged != null) throw new UserInputException("--bounds: sweep one key at a time, got two ranges");
                ranged = part;
            } else {
                fixed.add(part);
            }
        }
        if (ranged == null) throw new UserInputException("--bounds: no KEY=FROM..TO to sweep in '" + text + "'");
        String[] kv = ranged.split("=", 2);
        String[] range = kv.length == 2 ? kv[1].split("\\.\\.", -1) : new String[0];
        if (range.length != 2 || !range[0].strip().matches("[0-9]{1,6}") || !range[1].strip().matches("[0-9]{1,6}")) {
            throw new UserInputException("--bounds: expected KEY=FROM..TO, got '" + ranged + "'");
        }
        int from = Integer.parseInt(range[0].strip());
        int to = Integer.parseInt(range[1].strip());
        if (from > to || to - from >= 64) {
            throw new UserInputException("--bounds: " + ranged + " must rise, by at most 64 levels");
        }
        Bounds rest = fixed.isEmpty() ? Bounds.NONE : BoundsArguments.parse(String.join(",", fixed));
        String key = kv[0].strip();
        // the ranged key is checked like any other once a level is put in
        BoundsArguments.parse(key + "=" + from);
        if (rest.values().containsKey(key)) throw new UserInputException("--bounds: '" + key + "' both swept and fixed");
        List<Integer> levels = new ArrayList<>();
        for (int n = from; n <= to; n++) levels.add(n);
        return new Plan(key, levels, rest);
    }

    @Option(names = "--scheme-file", paramLabel = "PATH", description = "traces engine: run this scheme definition (docs/scheme-definitions.md); --scheme must be the name the file gives.")
    Path schemeFile;

    @Mixin
    ForceOption force;

    @Override
    public Integer call() {
        if (!List.of("text", "json").contains(format)) {
            throw new UserInputException("--format: unknown format '" + format + "' (text, json)");
        }
        if (timeoutSeconds < 1) throw new UserInputException("--timeout: must be at least 1, got " + timeoutSeconds);
        if (workers < 1) throw new UserInputException("--workers: must be at least 1, got " + workers);
        Supplier<Engine> f = EngineRegistry.all(workers).get(engine);
        if (f == null) {
            throw new UserInputException("--engine: unknown engine '" + engine + "' (known: "
                    + String.join(", ", EngineRegistry.all().keySet()) + ")");
        }
        SchemeFile.OneCell cell = SchemeFile.oneCell(schemeFile, scheme, engine, f, workers);
        SchemeId s = cell.scheme();
        f = cell.engine();
        ModelledSchemes.require(engine, java.util.List.of(s));
        AttackId a = Names.one(attack, "--attack", AttackId::byName, AttackId.values());
        ModelledSchemes.requireAttacks(engine, java.util.List.of(a));
        Plan plan = plan(bounds);
        Engine e = f.get();
        for (int level : plan.levels()) {
            BoundsArguments.requireHonoured(Map.of(engine, e), List.of(s), List.of(a), plan.at(level));
        }
        OutputFolder folder = force.claim(out);
        Path outDir = folder.dir();
        try {
            List<Map<String, Object>> rows = levels(e, engine, s, a, plan, seed, timeoutSeconds, outDir, false);
            boolean violated = rows.stream().anyMatch(r -> "VIOLATED".equals(r.get("verdict")));
            boolean inconclusive = rows.stream().anyMatch(r -> "INCONCLUSIVE".equals(r.get("verdict"))
                    || "VACUOUS".equals(r.get("verdict")));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("engine", engine);
            doc.put("scheme", s.wireName());
            doc.put("attack", a.wireName());
            doc.put("swept", plan.key());
            doc.put("fixed", plan.fixed().toString());
            doc.put("seed", seed);
            doc.put("timeoutSeconds", timeoutSeconds);
            doc.put("levels", rows);
            String json = json(doc);
            AtomicWrite.text(outDir.resolve("sweep.json"), json);
            System.out.print(format.equals("json") ? json : text(doc, rows, plan.key()));
            return violated ? Main.EXIT_FAILED : inconclusive ? Main.EXIT_INCONCLUSIVE : Main.EXIT_OK;
        } finally {
            folder.seal();
        }
    }

    /**
     * Checks the cell at each level of {@code plan} in turn. After a level times out the larger
     * ones are not run; with {@code stopAtViolation}, neither are those after a VIOLATED level
     * (each bound is an upper bound, so a larger level contains the violating behaviour).
     */
    static List<Map<String, Object>> levels(Engine e, String engine, SchemeId s, AttackId a, Plan plan, long seed,
                                            int timeoutSeconds, Path outDir, boolean stopAtViolation) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String stopped = null;
        for (int level : plan.levels()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(plan.key(), level);
            if (stopped != null) {
                row.put("verdict", "NOT_RUN");
                row.put("reason", stopped);
                rows.add(row);
                continue;
            }
            Path levelDir = outDir.resolve("levels").resolve(plan.key() + "=" + level);
            EngineOptions o = new EngineOptions(seed, levelDir.resolve("counterexamples"), levelDir.resolve("work"),
                    Duration.ofSeconds(timeoutSeconds), org.mptcpverify.traces.TracesEngine.DEFAULT_TRIES, false,
                    plan.at(level));
            CellResult r = e.check(s, a, o);
            row.put("verdict", r.verdict().name());
            row.put("violated", r.violated().stream().map(PropertyId::modelName).toList());
            row.put("size", size(engine, r));
            row.put("seconds", Math.round(r.seconds() * 100) / 100.0);
            row.put("bounds", MatrixFormats.bounds(r));
            row.put("counterexample", MatrixFormats.relative(r.counterexample(), outDir));
            row.put("reason", r.reason());
            rows.add(row);
            if (r.verdict() == Verdict.INCONCLUSIVE && r.reason() != null && r.reason().contains("timeout")) {
                stopped = "a smaller level timed out";
            } else if (stopAtViolation && r.verdict() == Verdict.VIOLATED) {
                stopped = "VIOLATED at a smaller level, whose behaviours this level contains";
            }
        }
        return rows;
    }

    /** What a level checked, in the engine's own unit. */
    static String size(String engine, CellResult r) {
        Map<String, Object> b = r.bounds();
        return switch (engine) {
            case "tlc" -> b.containsKey("distinctStates") ? b.get("distinctStates") + " states" : "-";
            case "alloy" -> b.containsKey("clauses") ? b.get("clauses") + " clauses" : "-";
            case "traces" -> b.containsKey("distinctTraces") ? b.get("distinctTraces") + " traces"
                    : b.containsKey("enumerated") ? b.get("enumerated") + "+" + b.get("random") + " traces" : "-";
            default -> "-";
        };
    }

    private static String text(Map<String, Object> doc, List<Map<String, Object>> rows, String key) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "sweep %s %s / %s over %s%s%n", doc.get("engine"), doc.get("scheme"),
                doc.get("attack"), key, doc.get("fixed").toString().isEmpty() ? "" : " (fixed: " + doc.get("fixed") + ")"));
        sb.append(String.format(Locale.ROOT, "%-14s %-13s %-18s %9s  %s%n", key, "verdict", "size", "seconds", "detail"));
        for (Map<String, Object> r : rows) {
            Object detail = r.get("reason") != null ? r.get("reason")
                    : r.get("violated") instanceof List<?> v && !v.isEmpty() ? "violated " + v : "";
            sb.append(String.format(Locale.ROOT, "%-14s %-13s %-18s %9s  %s%n", r.get(key), r.get("verdict"),
                    r.getOrDefault("size", "-"), r.getOrDefault("seconds", "-"), detail));
        }
        return sb.toString();
    }

    private static String json(Object doc) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot render sweep JSON", ex);
        }
    }
}
