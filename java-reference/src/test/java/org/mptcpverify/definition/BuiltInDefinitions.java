package org.mptcpverify.definition;

import java.nio.file.Path;
import org.mptcpverify.vocab.SchemeId;

/** The committed definitions of the built-in schemes, models/schemes/NAME.scheme ("/" a nested folder). */
final class BuiltInDefinitions {
    private BuiltInDefinitions() {}

    static final Path FOLDER = Path.of("..", "models", "schemes");

    static Path file(SchemeId id) {
        return FOLDER.resolve(id.wireName() + ".scheme");
    }

    static SchemeDefinition of(SchemeId id) {
        try {
            return DefinitionParser.parse(file(id));
        } catch (DefinitionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
