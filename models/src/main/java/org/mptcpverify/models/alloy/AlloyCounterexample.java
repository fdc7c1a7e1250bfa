package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.translator.A4Solution;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.trace.TraceJson;
import org.mptcpverify.vocab.PropertyId;

/**
 * Writes a cell's counterexample: {@code alloy.xml} (the instance, openable in the Analyzer, with
 * the model sources embedded and, on its root element, the scope the verdict was checked at) and {@code alloy.json} (the shared counterexample format plus
 * {@code steps}, the trace's actions, and {@code states}, the scope searched). Both atomic; both free of machine-specific paths so that equal inputs give
 * equal bytes.
 */
final class AlloyCounterexample {
    private AlloyCounterexample() {
    }

    /** The folder of a cell: {@code <root>/<scheme>/<attack>/}, a scheme's '/' nesting folders. */
    static Path folder(Path root, AlloyCell cell) {
        Path dir = root;
        for (String part : cell.scheme().wireName().split("/")) {
            dir = dir.resolve(part);
        }
        return dir.resolve(cell.attack().wireName());
    }

    static Path writeJson(Path dir, AlloyCell cell, PropertyId property, long seed, AlloyTrace trace) {
        TraceJson.CounterexampleFile f = new TraceJson.CounterexampleFile("alloy", cell.scheme(), cell.attack(),
                property, seed, trace.keyedSide(), cell.attackerHasKey(), trace.actions());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("steps", trace.actions().size());
        extra.put("states", cell.states());
        Path file = dir.resolve("alloy.json");
        TraceJson.writeFile(file, f, extra);
        return file;
    }

    /**
     * Alloy's instance XML. The embedded sources are keyed by their file name only (the cell
     * modules live in a scratch folder whose absolute path differs per machine).
     */
    static Path writeXml(Path dir, AlloyRunner runner, A4Solution sol, Path cellDir, String property, int checkedStates)
            throws IOException, Err {
        Map<String, String> sources = new TreeMap<>();
        runner.sources().forEach((file, text) -> sources.put(relative(cellDir, file), text));
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            sol.writeXML(pw, runner.world().getAllFunc(), sources);
        }
        // Alloy stamps its jar's build date, which a shaded jar (the CLI) loses: pin it, so the
        // file depends only on the instance, whichever way the engine was launched
        String xml = sw.toString().replace(cellDir.toAbsolutePath() + "/", "")
                .replaceFirst("builddate=\"[^\"]*\"", "builddate=\"alloy-6.2.0\"")
                // the instance's own command names the scope of the shortest counterexample; the verdict
                // rests on the check at the cell's full scope, which a reader must see too
                .replaceFirst("<alloy builddate=\"alloy-6.2.0\"", "<alloy builddate=\"alloy-6.2.0\" mptcpverify-checked=\"Check "
                        + property + " for exactly " + checkedStates + " State found a counterexample (the verdict's scope); "
                        + "the instance below is the shortest one, from the same check at the scope its command names\"");
        Path file = dir.resolve("alloy.xml");
        AtomicWrite.text(file, xml);
        return file;
    }

    private static String relative(Path cellDir, String file) {
        Path p = Path.of(file);
        Path base = cellDir.toAbsolutePath();
        return p.startsWith(base) ? base.relativize(p).toString() : file;
    }
}
