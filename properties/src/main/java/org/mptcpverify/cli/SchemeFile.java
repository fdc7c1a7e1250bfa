package org.mptcpverify.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mptcpverify.engine.Engine;
import org.mptcpverify.models.core.CoreEngine;
import org.mptcpverify.traces.TracesEngine;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.vocab.SchemeId;

/**
 * {@code --scheme-file PATH}: a scheme definition (docs/scheme-definitions.md) that the reference
 * runs in place of the built-in implementation of the scheme it names. The traces engine and
 * replay run it on the reference; the tlc engine checks the generic core with the data generated
 * from it (its counterexamples replayed on the definition-driven reference); alloy does not run it
 * yet. The name must be in the vocabulary.
 */
record SchemeFile(SchemeId scheme, AuthScheme implementation, SchemeDefinition definition, Path file) {
    static SchemeFile load(Path file) {
        SchemeDefinition d;
        try {
            d = DefinitionParser.parse(file);
        } catch (DefinitionException e) {
            throw new UserInputException(e.getMessage());
        }
        SchemeId id = SchemeId.byName(d.name()).orElseThrow(() -> new UserInputException(file + ":1: scheme '"
                + d.name() + "' is not in the vocabulary yet (known: "
                + String.join(", ", Arrays.stream(SchemeId.values()).map(SchemeId::wireName).toList()) + ")"));
        return new SchemeFile(id, new DefinedScheme(d), d, file);
    }

    /** The engines that run a scheme file: traces and tlc. */
    static void requireSupported(String engine) {
        if (!engine.equals("traces") && !engine.equals("tlc")) {
            throw new UserInputException("engine " + engine + " cannot run a scheme file yet");
        }
    }

    /** {@code engine} running this definition; a definition the core cannot model is {@code file:line: problem}. */
    Supplier<Engine> engine(String engine, int tlcWorkers) {
        requireSupported(engine);
        if (engine.equals("traces")) {
            return () -> new TracesEngine(runner());
        }
        try {
            CoreEngine core = CoreEngine.withSchemeFile(tlcWorkers, definition, file.toString());
            return () -> core;
        } catch (DefinitionException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The scheme implementations with this file's in place of the built-in one. */
    Function<SchemeId, AuthScheme> schemes() {
        return id -> id == scheme ? implementation : Schemes.of(id);
    }

    ReferenceRunner runner() {
        return new ReferenceRunner(JoinLimits.CONTRACT_HALF_OPEN, schemes());
    }
}
