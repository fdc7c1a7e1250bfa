package org.mptcpverify.models.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.io.AtomicWrite;

/**
 * The generator of the generic core's scheme modules: a definition file in, Scheme_&lt;s&gt;.tla
 * and MC_&lt;s&gt;.tla out (paths relative to models/tla/core). The committed modules are this
 * generator's output for models/schemes/ (GeneratedSchemeDataTest fails when they are stale).
 */
public final class CoreSchemeFiles {
    private CoreSchemeFiles() {}

    /** TLA+ module suffix of a scheme name: '-' and '/' as '_'. */
    public static String suffix(String schemeName) {
        return schemeName.replace('-', '_').replace('/', '_');
    }

    /** Relative path -> text of the modules generated from the definition at {@code source}. */
    public static Map<String, String> render(SchemeDefinition def, String source) throws DefinitionException {
        String s = suffix(def.name());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("schemes/Scheme_" + s + ".tla", SchemeDataTla.schemeModule(SchemeDataBuilder.build(def), SchemeDataBuilder.coreMirror(def), s, source));
        out.put("MC_" + s + ".tla", SchemeDataTla.mcModule(s));
        return out;
    }

    /** Parses {@code definition} and writes its modules under {@code coreDir} (atomically, file by file). */
    public static Map<String, String> generate(Path definition, String source, Path coreDir)
            throws DefinitionException, IOException {
        Map<String, String> files = render(DefinitionParser.parse(definition), source);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = coreDir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            AtomicWrite.text(p, f.getValue());
        }
        return files;
    }
}
