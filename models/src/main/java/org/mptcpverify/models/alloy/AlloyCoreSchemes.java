package org.mptcpverify.models.alloy;

import java.nio.file.Path;
import java.util.List;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.vocab.SchemeId;

/**
 * The Alloy generic core's scheme modules, generated from models/schemes/*.scheme through the
 * shared data form (SchemeDataBuilder, as for the TLA+ core) by {@link AlloySchemeModule}; the
 * committed models/alloy/core/schemes/&lt;s&gt;.als are this generator's output
 * (GeneratedAlloySchemeTest fails when they are stale).
 */
public final class AlloyCoreSchemes {
    private AlloyCoreSchemes() {
    }

    /** models/ (found as for the old Alloy model: {@code -Dmptcp.repoRoot} or above the working directory). */
    static Path modelsDir() {
        return AlloyModelFiles.locateModel().getParent().getParent();
    }

    /** The committed module's path relative to models/alloy/core. */
    public static String moduleFile(SchemeId s) {
        return "schemes/" + AlloyNames.of(s) + ".als";
    }

    public static String definitionFile(SchemeId s) {
        return "models/schemes/" + s.wireName() + ".scheme";
    }

    /** The scheme's data form, parsed from its definition. */
    public static SchemeData data(SchemeId s) {
        try {
            return SchemeDataBuilder.build(DefinitionParser.parse(modelsDir().resolve("schemes").resolve(s.wireName() + ".scheme")));
        } catch (DefinitionException e) {
            throw new IllegalStateException(definitionFile(s) + ": " + e.getMessage(), e);
        }
    }

    /** The module text generated from the definition. */
    public static String render(SchemeId s) {
        return AlloySchemeModule.render(data(s), definitionFile(s));
    }

    /** The modelled schemes the Alloy core can express (thesis-xor-global's host-wide key it cannot). */
    public static List<SchemeId> covered() {
        return SchemeId.modelledSchemes().stream().filter(s -> AlloySchemeModule.expressible(data(s))).toList();
    }
}
