package org.mptcpverify.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
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
 * runs in place of the built-in implementation of the scheme it names. Only the traces engine and
 * replay run it; the name must be in the vocabulary.
 */
record SchemeFile(SchemeId scheme, AuthScheme implementation) {
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
        return new SchemeFile(id, new DefinedScheme(d));
    }

    static void requireTraces(String engine) {
        if (!engine.equals("traces")) {
            throw new UserInputException("engine " + engine + " cannot run a scheme file yet");
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
