package org.mptcpverify.models.alloy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.translator.A4Solution;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.PropertyId;

/**
 * Writes a cell's counterexample: {@code alloy.xml} (the instance, openable in the Analyzer, with
 * the model sources embedded) and {@code alloy.json} (the shared counterexample format plus
 * {@code steps}). Both atomic; both free of machine-specific paths so that equal inputs give
 * equal bytes.
 */
final class AlloyCounterexample {
    static final String FORMAT = "mptcp-verify-counterexample/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    static Path writeJson(Path dir, AlloyCell cell, PropertyId property, long seed, AlloyTrace trace)
            throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("engine", "alloy");
        doc.put("scheme", cell.scheme().wireName());
        doc.put("attack", cell.attack().wireName());
        doc.put("property", property.modelName());
        doc.put("seed", seed);
        doc.put("keyedSide", trace.keyedSide());
        doc.put("attackerHasKey", cell.attackerHasKey());
        doc.put("actions", actions(trace.actions()));
        doc.put("steps", trace.actions().size());
        Path file = dir.resolve("alloy.json");
        byte[] bytes = (JSON.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicWrite.bytes(file, bytes);
        return file;
    }

    static List<Map<String, String>> actions(List<TraceAction> actions) {
        List<Map<String, String>> out = new ArrayList<>();
        for (TraceAction a : actions) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("action", a.name());
            m.put("client", a.client());
            if (a instanceof TraceAction.SpoofJoinSyn s) {
                m.put("mode", s.mode());
                m.put("src", s.src());
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Alloy's instance XML. The embedded sources are keyed by their file name only (the cell
     * modules live in a scratch folder whose absolute path differs per machine).
     */
    static Path writeXml(Path dir, AlloyRunner runner, A4Solution sol, Path cellDir) throws IOException, Err {
        Map<String, String> sources = new TreeMap<>();
        runner.sources().forEach((file, text) -> sources.put(relative(cellDir, file), text));
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            sol.writeXML(pw, runner.world().getAllFunc(), sources);
        }
        String xml = sw.toString().replace(cellDir.toAbsolutePath() + "/", "");
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
