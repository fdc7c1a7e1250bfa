package org.mptcpverify.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mptcpverify.models.alloy.AlloyCoreEngine;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.traces.TracesEngine;
import org.mptcpverify.vocab.SchemeId;

/**
 * {@code --scheme-file PATH}: a scheme definition (docs/scheme-definitions.md) that the reference
 * runs from the file. The scheme is the one the file names: a new name is a scheme of its own
 * (the traces, tlc and alloy engines and replay; tlc and alloy check their generic core with the data generated from the file and replay its counterexamples on the definition-driven reference); a built-in name is accepted only for the built-in's own
 * definition (the same statements as {@code models/schemes/NAME.scheme}), so that no verdict
 * appears under a built-in's name for a different design.
 */
record SchemeFile(SchemeId scheme, AuthScheme implementation, SchemeDefinition definition, Path file) {
    static SchemeFile load(Path file) {
        SchemeDefinition d = parse(file);
        return of(file, d);
    }

    /** Parses a definition file, a bad one as a one-line usage error. */
    static SchemeDefinition parse(Path file) {
        try {
            return DefinitionParser.parse(file);
        } catch (DefinitionException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The scheme of an already parsed definition read from {@code file}, its name validated. */
    static SchemeFile of(Path file, SchemeDefinition d) {
        Optional<SchemeId> builtIn = SchemeId.byName(d.name());
        if (builtIn.isPresent()) {
            Path own = builtInFile(builtIn.get());
            if (!sameStatements(file, own)) {
                throw new UserInputException(file + ":1: scheme '" + d.name() + "' is a built-in name, but the file is not "
                        + "the built-in's definition (" + own + "); give the design a name of its own");
            }
        } else if (!SchemeId.validName(d.name())) {
            throw new UserInputException(file + ":1: scheme name '" + d.name()
                    + "': use lower-case letters, digits and '-', segments joined by '/'");
        } else if (d.name().contains("~")) {
            throw new UserInputException(file + ":1: scheme name '" + d.name() + "': '~' is reserved for mutants");
        }
        return new SchemeFile(DefinedScheme.idOf(d), new DefinedScheme(d), d, file);
    }

    /** The committed definition of a built-in scheme. */
    static Path builtInFile(SchemeId id) {
        return Versions.repoRoot().resolve("models").resolve("schemes").resolve(id.wireName() + ".scheme");
    }

    /** Whether two files hold the same statements: equal once comments, blank lines and trailing blanks are dropped. */
    static boolean sameStatements(Path a, Path b) {
        try {
            return statements(a).equals(statements(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static String statements(Path p) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String s = DefinitionParser.stripComment(line).stripTrailing();
            if (!s.isBlank()) sb.append(s).append('\n');
        }
        return sb.toString();
    }

    /** The scheme of a one-cell command ({@code check}, {@code sweep}) and the engine that runs it. */
    record OneCell(SchemeId scheme, Supplier<Engine> engine) {}

    /**
     * {@code --scheme} (and {@code --scheme-file}, when given: traces or tlc, and --scheme
     * must name the file's scheme) resolved for one cell; {@code builtIn} runs a built-in scheme.
     */
    static OneCell oneCell(Path file, String scheme, String engine, Supplier<Engine> builtIn, int tlcWorkers) {
        if (file == null) {
            return new OneCell(Names.one(scheme, "--scheme", SchemeId::byName, SchemeId.values()), builtIn);
        }
        requireSupported(engine);
        SchemeFile sf = load(file);
        if (!sf.scheme().wireName().equals(scheme)) {
            throw new UserInputException("--scheme-file: " + file + " defines " + sf.scheme() + ", not --scheme " + scheme);
        }
        return new OneCell(sf.scheme(), sf.engine(engine, tlcWorkers));
    }

    /** The engines that run a scheme file: traces, tlc and alloy. */
    static void requireSupported(String engine) {
        if (!engine.equals("traces") && !engine.equals("tlc") && !engine.equals("alloy")) {
            throw new UserInputException("engine " + engine + " cannot run a scheme file yet");
        }
    }

    /** {@code engine} running this definition; a definition the core cannot model is {@code file:line: problem}. */
    Supplier<Engine> engine(String engine, int tlcWorkers) {
        requireSupported(engine);
        if (engine.equals("traces")) {
            return () -> new TracesEngine(schemes());
        }
        try {
            if (engine.equals("alloy")) {
                // a construct the Alloy generator cannot render is the file's problem: FILE: ..., exit 2
                try {
                    AlloyCoreEngine core = AlloyCoreEngine.withSchemeFile(definition, file.toString());
                    return () -> core;
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(e.getMessage());
                }
            }
            CoreEngine core = CoreEngine.withSchemeFile(tlcWorkers, definition, file.toString());
            return () -> core;
        } catch (DefinitionException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The scheme implementations with this file's in place of the built-in one. */
    Function<SchemeId, AuthScheme> schemes() {
        return id -> id.equals(scheme) ? implementation : Schemes.of(id);
    }

    /** A counterexample of this file's scheme (or a built-in's) charted from its replay on the definition. */
    org.mptcpverify.chart.Charts.Drawn chart(java.nio.file.Path counterexample)
            throws org.mptcpverify.trace.TraceJson.BadTraceFileException {
        return org.mptcpverify.chart.Charts.draw(counterexample, new org.mptcpverify.segment.SegmentReplayer(schemes()),
                text -> org.mptcpverify.segment.SegmentTraceJson.parse(text, this::byName));
    }

    /** Resolves a scheme name: this file's scheme, or a built-in. */
    Optional<SchemeId> byName(String name) {
        return name.equals(scheme.wireName()) ? Optional.of(scheme) : SchemeId.byName(name);
    }
}
