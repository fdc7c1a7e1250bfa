package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.vocab.SchemeId;

/**
 * The generic core's scheme modules are generated from models/schemes/*.scheme: the committed
 * ones must be the generator's output ({@code -Dmptcp.core.write=true} rewrites them), and the
 * generator must refuse what the core cannot express instead of emitting something else.
 */
class GeneratedSchemeDataTest {
    static final Path CORE = Path.of("tla", "core");
    static final Path SCHEMES = Path.of("schemes");

    static Path definition(SchemeId s) {
        return SCHEMES.resolve(s.wireName() + ".scheme");
    }

    @Test
    void committedSchemeModulesAreTheGeneratedOnes() throws Exception {
        boolean write = Boolean.getBoolean("mptcp.core.write");
        List<String> stale = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (SchemeId s : SchemeId.tlaCoreSchemes()) {
            Map<String, String> files = CoreSchemeFiles.render(DefinitionParser.parse(definition(s)),
                    "models/schemes/" + s.wireName() + ".scheme");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = CORE.resolve(f.getKey());
                expected.add(f.getKey());
                if (write) {
                    Files.createDirectories(p.getParent());
                    AtomicWrite.text(p, f.getValue());
                } else if (!Files.exists(p) || !Files.readString(p).equals(f.getValue())) {
                    stale.add(f.getKey());
                }
            }
        }
        assertEquals(List.of(), stale, "stale generated modules under models/tla/core: rerun with -Dmptcp.core.write=true");
        // nothing hand-written is left beside them
        List<String> present = new ArrayList<>();
        try (var l = Files.list(CORE.resolve("schemes"))) {
            l.forEach(p -> present.add("schemes/" + p.getFileName()));
        }
        try (var l = Files.list(CORE)) {
            l.filter(p -> p.getFileName().toString().startsWith("MC_")).forEach(p -> present.add(p.getFileName().toString()));
        }
        present.removeAll(expected);
        assertEquals(List.of(), present, "scheme modules not generated from a definition");
    }

    @Test
    void generationIsDeterministic() throws Exception {
        for (SchemeId s : SchemeId.tlaCoreSchemes()) {
            var def = DefinitionParser.parse(definition(s));
            assertEquals(CoreSchemeFiles.render(def, "x"), CoreSchemeFiles.render(DefinitionParser.parse(definition(s)), "x"));
        }
    }

    private static String rfc8684With(String from, String to) throws IOException {
        String text = Files.readString(definition(SchemeId.RFC8684));
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    private static String refused(String text) {
        return assertThrows(DefinitionException.class,
                () -> SchemeDataBuilder.build(DefinitionParser.parse("demo.scheme", text))).getMessage();
    }

    @Test
    void refusesWhatTheCoreCannotExpress() throws IOException {
        // the join index has no value outside a join: refused as one line, file:line: problem
        String bad = rfc8684With("  field key = Kb\n  check key else ignore\nmessage fast-close-b",
                "  field key = truncL(64, hmac(Kb, i))\n  check key else ignore\nmessage fast-close-b");
        String m = refused(bad);
        assertTrue(m.matches("demo\\.scheme:\\d+: parameter i has no value in fast-close in the generic core"), m);
    }

    /** The models have one byte order for K: the x86 readings (thesis-xor/le, ...) are refused, not run as the big-endian ones. */
    @Test
    void refusesALittleEndianKey() throws IOException {
        for (SchemeId s : List.of(SchemeId.THESIS_XOR_LE, SchemeId.THESIS_XOR_GLOBAL_LE)) {
            String m = refused(Files.readString(definition(s)));
            assertTrue(m.contains("little-endian K") && m.startsWith("demo.scheme:"), m);
        }
    }

    @Test
    void boundKeyLetsAreExpandedAndChecksReadEarlierStores() throws Exception {
        SchemeData d = SchemeDataBuilder.build(DefinitionParser.parse(definition(SchemeId.BOUND_KEY)));
        // at A, the SYN/ACK's confirm is checked against the token just stored, not the empty slot
        SchemeData.Check confirm = d.modes().get("bound").get(CoreMessage.MPC_SYNACK).checks().get(0);
        assertEquals("confirm", confirm.field());
        assertTrue(SchemeDataTla.tla(confirm.expect()).contains("Fld(\"sender_token\")"), SchemeDataTla.tla(confirm.expect()));
        // one key on one side: plain TCP (no downgrade); both: bound; none: keyless
        assertEquals(new SchemeData.Row("tcp", "tcp"), d.negotiate().get(new SchemeData.KeyPair(true, false)));
        assertEquals(new SchemeData.Row("tcp", "tcp"), d.negotiate().get(new SchemeData.KeyPair(false, true)));
        assertEquals(new SchemeData.Row("bound", "bound"), d.negotiate().get(new SchemeData.KeyPair(true, true)));
        assertEquals(new SchemeData.Row("keyless", "keyless"), d.negotiate().get(new SchemeData.KeyPair(false, false)));
    }

    @Test
    void sinZeroEndsWithoutAKeyRunTheModeWithKZero() throws Exception {
        SchemeData d = SchemeDataBuilder.build(DefinitionParser.parse(definition(SchemeId.THESIS_XOR)));
        SchemeData.Row oneSided = d.negotiate().get(new SchemeData.KeyPair(true, false));
        assertEquals(new SchemeData.Row("base", "base_nokey"), oneSided);
        // without a key the SYN's token field is plain Token-B (XOR's unit dropped)
        assertEquals("Token(Slot(\"Kb\"))",
                SchemeDataTla.tla(d.modes().get("base_nokey").get(CoreMessage.JOIN_SYN).fields().get("token")));
    }
}
