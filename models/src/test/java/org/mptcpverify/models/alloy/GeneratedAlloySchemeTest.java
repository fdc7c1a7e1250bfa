package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.io.AtomicWrite;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The Alloy generic core's scheme modules are generated from models/schemes/*.scheme (through
 * SchemeDataBuilder's data form): the committed ones must be the generator's output
 * ({@code -Dmptcp.core.write=true} rewrites them), nothing hand-written is left beside them, and
 * the generated term universe is deterministic and refuses what the core cannot express.
 */
class GeneratedAlloySchemeTest {
    static final Path CORE = Path.of("alloy", "core");

    @Test
    void committedSchemeModulesAreTheGeneratedOnes() throws Exception {
        boolean write = Boolean.getBoolean("mptcp.core.write");
        List<String> stale = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (SchemeId s : AlloyCoreSchemes.covered()) {
            String f = AlloyCoreSchemes.moduleFile(s);
            Path p = CORE.resolve(f);
            String text = AlloyCoreSchemes.render(s);
            expected.add(f);
            if (write) {
                Files.createDirectories(p.getParent());
                AtomicWrite.text(p, text);
            } else if (!Files.exists(p) || !Files.readString(p).equals(text)) {
                stale.add(f);
            }
        }
        assertEquals(List.of(), stale, "stale generated modules under models/alloy/core: rerun with -Dmptcp.core.write=true");
        List<String> present = new ArrayList<>();
        try (var l = Files.list(CORE.resolve("schemes"))) {
            l.forEach(p -> present.add("schemes/" + p.getFileName()));
        }
        present.removeAll(expected);
        assertEquals(List.of(), present, "scheme modules not generated from a definition");
    }

    @Test
    void everyModelledSchemeIsCovered() {
        List<SchemeId> left = new ArrayList<>(SchemeId.modelledSchemes());
        left.removeAll(AlloyCoreSchemes.covered());
        assertEquals(List.of(), left, "every modelled scheme has an Alloy core data module");
        // the host-wide key and the lookup of the connection created last (session 10): only
        // thesis-xor-global's module says so, and only its keyed mode selects RECENT
        for (SchemeId s : AlloyCoreSchemes.covered()) {
            String text = AlloyCoreSchemes.render(s);
            boolean host = s == SchemeId.THESIS_XOR_GLOBAL;
            assertEquals(host, text.contains("pred hostKey { Y = Y }"), s + ": host-wide key");
            assertEquals(host, text.contains("=> RECENT else"), s + ": select RECENT");
        }
        assertTrue(AlloyCoreSchemes.render(SchemeId.THESIS_XOR_GLOBAL)
                .contains("fun lkSelect[m: Mode]: Select { m = M_plain_nokey => BY_TOKEN else m = M_keyed => RECENT else BY_TOKEN }"));
    }

    @Test
    void termUniverseIsDeterministicAndHoldsTheComparedValues() {
        for (SchemeId s : AlloyCoreSchemes.covered()) {
            AlloyCoreCell c = AlloyCoreCell.of(s, AttackId.JOIN_DOS).get(0);
            assertEquals(c.dag(), c.dag(), s + ": same universe twice");
        }
        // bound-key: the first join's ticket is in the universe, and a forged JOIN_SYN may carry it
        String dag = AlloyCoreCell.of(SchemeId.BOUND_KEY, AttackId.JOIN_DOS).get(0).dag().text();
        assertTrue(dag.matches("(?s).*-- (T\\d+) = tl32\\(hmac\\(hmac\\(K1, L_bk_conn\\|\\|N_c1_MPC_ACK\\|\\|N_c1_MPC_SYNACK\\), L_bk_ticket\\|\\|I1\\)\\).*"),
                "the first ticket of client 1's connection");
    }
}
