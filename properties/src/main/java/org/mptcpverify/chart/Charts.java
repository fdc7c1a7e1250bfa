package org.mptcpverify.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson;

/** Charts of counterexample files: drawn from their replay, written beside them as .svg and .tex. */
public final class Charts {
    public enum Format {
        SVG("svg"), TIKZ("tex");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String render(SequenceChart c) {
            return this == SVG ? SvgChart.render(c) : TikzChart.render(c);
        }
    }

    private Charts() {}

    /** A counterexample's chart and whether its property failed again on the reference. */
    public record Drawn(SequenceChart chart, boolean reproduced, String property) {}

    /** The chart of a counterexample file ({@code mptcp-verify-segments/1}, {@link SegmentChart}). */
    public static Drawn draw(Path counterexample) throws TraceJson.BadTraceFileException {
        return draw(counterexample, new SegmentReplayer(), SegmentTraceJson::parse);
    }

    /** How a segment-level file's text becomes a trace (with the built-in names, or a scheme file's too). */
    @FunctionalInterface
    public interface SegmentParser {
        org.mptcpverify.segment.SegmentTrace parse(String text) throws TraceJson.BadTraceFileException;
    }

    /**
     * As {@link #draw(Path)}, replayed by the given replayer: that of a scheme file
     * ({@code chart --scheme-file}), so that a counterexample of a definition's own scheme is drawn
     * from the definition it was found on.
     */
    public static Drawn draw(Path counterexample, SegmentReplayer segments, SegmentParser parser)
            throws TraceJson.BadTraceFileException {
        SegmentReplayer.Result r = segments.replay(parser.parse(TraceJson.readText(counterexample)));
        return new Drawn(SegmentChart.of(r), r.reproduced() && r.divergence().isEmpty(), r.trace().property().modelName());
    }

    /** The chart of a counterexample file, from its replay with the built-in schemes. */
    public static SequenceChart of(Path counterexample) throws TraceJson.BadTraceFileException {
        return of(counterexample, org.mptcpverify.scheme.Schemes::of);
    }

    /** As {@link #of(Path)}, replaying with {@code schemes} (a scheme file's implementation). */
    public static SequenceChart of(Path counterexample,
                                   java.util.function.Function<org.mptcpverify.vocab.SchemeId, org.mptcpverify.scheme.AuthScheme> schemes)
            throws TraceJson.BadTraceFileException {
        return SegmentChart.of(new SegmentReplayer(schemes).replay(SegmentTraceJson.parse(TraceJson.readText(counterexample))));
    }

    /** {@code traces.json} -> {@code traces.svg}. */
    public static Path beside(Path counterexample, Format f) {
        String n = counterexample.getFileName().toString();
        return counterexample.resolveSibling(n.substring(0, n.length() - ".json".length()) + "." + f.extension);
    }

    /** Writes the SVG and TikZ chart beside every counterexample file under {@code root}. */
    public static void writeBesideAll(Path root) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : files) {
            SequenceChart c;
            try {
                c = of(p);
            } catch (TraceJson.BadTraceFileException e) {
                throw new IllegalStateException("an engine wrote a counterexample the reference cannot read: " + p + ": " + e.getMessage());
            }
            for (Format f : Format.values()) AtomicWrite.text(beside(p, f), f.render(c));
        }
    }
}
