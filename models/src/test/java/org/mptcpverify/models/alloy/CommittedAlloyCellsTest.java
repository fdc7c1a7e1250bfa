package org.mptcpverify.models.alloy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import edu.mit.csail.sdg.alloy4.A4Reporter;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed models/alloy/cells/*.als (written by ./mptcp-verify results) parse in place,
 * opening ../mptcp.als, and each has a check per applicable property with an explicit scope.
 */
class CommittedAlloyCellsTest {
    @Test
    void everyCommittedCellModuleParsesAndChecksItsProperties() throws Exception {
        Path dir = AlloyModelFiles.locateModel().resolveSibling(AlloyCells.FOLDER);
        Map<String, String> expected = AlloyCells.all();
        assertFalse(expected.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                problems.add("missing " + f + " (run ./mptcp-verify results)");
                continue;
            }
            CompModule m = CompUtil.parseEverything_fromFile(A4Reporter.NOP, new LinkedHashMap<>(), f.toString());
            long checks = m.getAllCommands().stream().filter(c -> c.check).count();
            if (checks < 2) problems.add(e.getKey() + ": only " + checks + " check commands");
        }
        assertEquals(List.of(), problems);
    }
}
