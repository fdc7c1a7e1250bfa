package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The column's fingerprint covers the model as the analyzer parses it: rewording a comment of a
 * core module keeps a committed verdict current, changing a token makes it pending.
 */
class AlloyCoreFingerprintTest {
    private static final long SEED = 20261127L;

    @Test
    void commentsAndLayoutAreNotTheModel() {
        String a = "sig A { f: one B }  -- the A atoms\n\n// none\nfact { /* many\nlines */ some A }\n";
        String b = "sig A {\n  f: one B\n}\nfact {\n some A }  -- reworded\n";
        // the same tokens, in the same order: only the line breaks inside the sig differ
        assertEquals(AlloyCoreVerdicts.semantic(a).replace("\n", " "), AlloyCoreVerdicts.semantic(b).replace("\n", " "));
        assertEquals("sig A { f: one B }\nfact {\nsome A }\n", AlloyCoreVerdicts.semantic(a));
        // a comment between two tokens still separates them
        assertEquals("one B\n", AlloyCoreVerdicts.semantic("one/* x */B\n"));
        assertTrue(AlloyCoreVerdicts.semantic("a -> b").contains("->"), "an arrow is not a comment");
        assertNotEquals(AlloyCoreVerdicts.semantic("some A"), AlloyCoreVerdicts.semantic("lone A"));
        assertThrows(IllegalArgumentException.class, () -> AlloyCoreVerdicts.semantic("a /* unterminated"));
    }

    @Test
    void aRewordedCommentKeepsTheFingerprintAndAChangedTokenDoesNot(@TempDir Path tmp) throws Exception {
        Path core = copy(AlloyCoreVerdicts.coreDir(), tmp.resolve("core"));
        SchemeId s = SchemeId.RFC8684;
        AttackId a = AttackId.JOIN_DOS;
        String before = AlloyCoreVerdicts.fingerprint(core, s, a, SEED);
        Path coreAls = core.resolve("core.als");
        String text = Files.readString(coreAls);
        Files.writeString(coreAls, text.replace("-- the server, the attacker", "-- the server and the attacker (reworded)")
                + "\n/* a closing remark */\n");
        assertEquals(before, AlloyCoreVerdicts.fingerprint(core, s, a, SEED), "a comment is not the model");
        String token = "#Client = #Key";
        assertTrue(text.contains(token), "core.als no longer has " + token);
        Files.writeString(coreAls, text.replace(token, "#Client <= #Key"));
        assertNotEquals(before, AlloyCoreVerdicts.fingerprint(core, s, a, SEED), "a changed fact is a different model");
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        return to;
    }
}
