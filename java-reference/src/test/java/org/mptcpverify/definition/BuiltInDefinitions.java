package org.mptcpverify.definition;

import java.nio.file.Path;
import org.mptcpverify.vocab.SchemeId;

/** The committed definitions of the built-in schemes, models/schemes/NAME.scheme ("/" a nested folder). */
public final class BuiltInDefinitions {
    private BuiltInDefinitions() {}

    static final Path FOLDER = Path.of("..", "models", "schemes");

    static Path file(SchemeId id) {
        return FOLDER.resolve(id.wireName() + ".scheme");
    }

    public static SchemeDefinition of(SchemeId id) {
        try {
            return DefinitionParser.parse(file(id));
        } catch (DefinitionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The scheme run from its definition (what {@code --scheme-file} and {@code inspect} run). */
    public static org.mptcpverify.scheme.AuthScheme generic(SchemeId id) {
        return new DefinedScheme(of(id));
    }
}
