package org.mptcpverify.models.alloy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.models.core.Tmpl;
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

    /** models/ ({@code -Dmptcp.repoRoot}, else found above the working directory). */
    static Path modelsDir() {
        return AlloyModelFiles.locateCore().getParent().getParent();
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

    /**
     * Where a cell reads its scheme's data: the committed definition of a built-in
     * ({@link BuiltIn}, parsed from models/schemes/NAME.scheme at each read, as before) or a
     * user's parsed definition ({@link Defined}, {@code --scheme-file}). {@code file} is the path
     * the generated module's header names.
     */
    public sealed interface Source permits BuiltIn, Defined {
        SchemeData data();

        String file();
    }

    /** A built-in scheme's committed definition. */
    public record BuiltIn(SchemeId scheme) implements Source {
        @Override
        public SchemeData data() {
            return AlloyCoreSchemes.data(scheme);
        }

        @Override
        public String file() {
            return definitionFile(scheme);
        }
    }

    /** A definition given to the engine (already built into the shared data form). */
    public record Defined(SchemeData data, String file) implements Source {}

    /**
     * Null when the Alloy core can render {@code d} (its scheme module, and its term universe at
     * every profile's standard population), else the construct it cannot render, in the
     * generator's words (a Diffie-Hellman term: "no Alloy operator for ...").
     */
    public static String problem(SchemeData d) {
        String dh = diffieHellman(d);
        if (dh != null) {
            return dh;
        }
        try {
            AlloySchemeModule.render(d, "x");
            java.util.Set<AlloyTermDag.Population> seen = new java.util.LinkedHashSet<>();
            for (org.mptcpverify.vocab.AttackId a : org.mptcpverify.vocab.AttackId.values()) {
                if (seen.add(AlloyCoreScope.standard(a).population())) {
                    AlloyTermDag.render(d, AlloyCoreScope.standard(a).population());
                }
            }
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** The first Diffie-Hellman term of {@code d} and where it is (the core's term algebra has no pub/dh), else null. */
    private static String diffieHellman(SchemeData d) {
        for (var mode : d.modes().entrySet()) {
            for (var msg : mode.getValue().entrySet()) {
                SchemeData.Msg m = msg.getValue();
                Map<String, Tmpl> at = new LinkedHashMap<>();
                m.keep().forEach((k, t) -> at.put("keep " + k, t));
                m.fields().forEach((k, t) -> at.put("field " + k, t));
                m.checks().forEach(c -> at.put("check " + c.field(), c.expect()));
                m.stores().forEach((k, t) -> at.put("store " + k, t));
                if (m.lookup() != null) {
                    at.put("lookup " + m.lookup().field(), m.lookup().expect());
                }
                for (var e : at.entrySet()) {
                    Tmpl t = firstDh(e.getValue());
                    if (t != null) {
                        return "the Diffie-Hellman term " + show(t) + " (message " + msg.getKey() + ", " + e.getKey()
                                + "): the Alloy core has no pub/dh operator";
                    }
                }
            }
        }
        return null;
    }

    private static Tmpl firstDh(Tmpl t) {
        if (t instanceof Tmpl.Pub || t instanceof Tmpl.Dh) return t;
        if (t instanceof Tmpl.Hash h) return firstDh(h.arg());
        if (t instanceof Tmpl.Token k) return firstDh(k.arg());
        if (t instanceof Tmpl.Idsn i) return firstDh(i.arg());
        if (t instanceof Tmpl.Hmac h) return firstOf(List.of(h.key(), h.msg()));
        if (t instanceof Tmpl.Cat c) return firstOf(c.parts());
        if (t instanceof Tmpl.Xor x) return firstOf(x.parts());
        if (t instanceof Tmpl.TruncL l) return firstDh(l.arg());
        if (t instanceof Tmpl.TruncR r) return firstDh(r.arg());
        return null;
    }

    private static Tmpl firstOf(List<Tmpl> parts) {
        for (Tmpl p : parts) {
            Tmpl f = firstDh(p);
            if (f != null) return f;
        }
        return null;
    }

    /** A template in the definition language's spelling (enough to name a construct). */
    private static String show(Tmpl t) {
        if (t instanceof Tmpl.Slot x) return x.name();
        if (t instanceof Tmpl.Fld x) return x.name();
        if (t instanceof Tmpl.Fresh x) return x.name();
        if (t instanceof Tmpl.Pub x) return "pub(" + show(x.priv()) + ")";
        if (t instanceof Tmpl.Dh x) return "dh(" + show(x.priv()) + ", " + show(x.peer()) + ")";
        if (t instanceof Tmpl.Hash x) return "hash(" + show(x.arg()) + ")";
        return t.toString();
    }

    /** The module text generated from the definition. */
    public static String render(SchemeId s) {
        return AlloySchemeModule.render(data(s), definitionFile(s));
    }

    /** The modelled schemes the Alloy core can express (all ten since session 10; a Diffie-Hellman term it cannot). */
    public static List<SchemeId> covered() {
        return SchemeId.modelledSchemes().stream().filter(s -> AlloySchemeModule.expressible(data(s))).toList();
    }
}
