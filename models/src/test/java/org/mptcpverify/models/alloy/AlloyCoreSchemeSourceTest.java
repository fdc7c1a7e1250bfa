package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
import org.mptcpverify.definition.SchemeDefinition;
import org.mptcpverify.models.core.SchemeDataBuilder;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * A cell's scheme data from a given definition (--scheme-file on the Alloy core), no solving: the
 * built-in's own definition at its own path renders the built-in's files and fingerprint byte for
 * byte; a different design under the built-in's name gets a different fingerprint (no committed
 * entry can serve it); a Diffie-Hellman term is refused naming the term.
 */
class AlloyCoreSchemeSourceTest {
    private static final Path BOUND_KEY = Path.of("schemes", "bound-key.scheme");
    private static final long SEED = 20261127L;

    @Test
    void theBuiltInsOwnDefinitionRendersItsFilesAndFingerprint() throws IOException, DefinitionException {
        SchemeDefinition def = DefinitionParser.parse(BOUND_KEY);
        String file = AlloyCoreSchemes.definitionFile(SchemeId.BOUND_KEY);
        AlloyCoreEngine given = AlloyCoreEngine.withSchemeFile(AlloyCoreEngine.DEFAULT_SOLVER, def, file);
        AlloyCoreCell builtIn = AlloyCoreCell.of(SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0);
        AlloyCoreCell defined = given.cellsOf(SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0);
        assertTrue(defined.source() instanceof AlloyCoreSchemes.Defined, "the engine reads the given definition");
        assertEquals(builtIn.schemeModule(), defined.schemeModule());
        AlloyTermDag.Rendered builtInDag = builtIn.dag();
        AlloyTermDag.Rendered definedDag = defined.dag();
        assertEquals(builtInDag.text(), definedDag.text());
        assertEquals(builtIn.render(builtInDag), defined.render(definedDag));
        assertEquals(AlloyCoreVerdicts.fingerprint(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, SEED),
                given.fingerprint(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, SEED));
    }

    @Test
    void anotherDesignUnderTheBuiltInsNameHasAnotherFingerprint(@TempDir Path tmp) throws IOException, DefinitionException {
        String text = Files.readString(BOUND_KEY);
        assertTrue(text.contains(" window 4 once"), "the committed definition marks tickets used");
        Path reuse = Files.writeString(tmp.resolve("bound-key.scheme"), text.replace(" window 4 once", " window 4"));
        AlloyCoreEngine given = AlloyCoreEngine.withSchemeFile(AlloyCoreEngine.DEFAULT_SOLVER, DefinitionParser.parse(reuse),
                AlloyCoreSchemes.definitionFile(SchemeId.BOUND_KEY));
        assertNotEquals(AlloyCoreCell.of(SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0).schemeModule(),
                given.cellsOf(SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0).schemeModule(), "the lookup's once is in the module");
        assertNotEquals(AlloyCoreVerdicts.fingerprint(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, SEED),
                given.fingerprint(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, SEED));
    }

    @Test
    void aDiffieHellmanTermIsNamed(@TempDir Path tmp) throws IOException, DefinitionException {
        Path ecdh = Files.writeString(tmp.resolve("my-ecdh.scheme"),
                Files.readString(Path.of("schemes", "ecdh.scheme")).replace("scheme ecdh\n", "scheme my-ecdh\n"));
        SchemeDefinition def = DefinitionParser.parse(ecdh);
        String why = AlloyCoreSchemes.problem(SchemeDataBuilder.build(def));
        assertTrue(why != null && why.contains("Diffie-Hellman term pub(a)"), why);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlloyCoreEngine.withSchemeFile(AlloyCoreEngine.DEFAULT_SOLVER, def, ecdh.toString()));
        assertTrue(e.getMessage().startsWith(ecdh + ": "), e.getMessage());
        assertNull(AlloyCoreSchemes.problem(AlloyCoreSchemes.data(SchemeId.BOUND_KEY)), "bound-key renders");
    }
}
