package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The committed cell configurations of the generic core (models/tla/core/cells) are the ones
 * {@link CoreCell#cfg} renders for every modelled cell; shared helpers of the core's tests.
 */
class CoreCellsTest {
    static final Path TARGET = Path.of("target", "core-test").toAbsolutePath();
    static final Path CELLS = Path.of("tla", "core", "cells");
    /** Every scheme: each one's data is generated from its definition (GeneratedSchemeDataTest). */
    static final List<SchemeId> COVERED = SchemeId.tlaCoreSchemes();

    static long seed() {
        return Long.parseLong(System.getProperty("mptcp.seed", "20261127"));
    }

    /** The cell's properties the core judges (every applicable one). */
    static List<PropertyId> properties(SchemeId s, AttackId a) {
        return a.tlaCoreProperties(s);
    }

    /** Every covered cell, one-sided-key on either side, with the standard bounds. */
    static List<CoreCell> allCells() {
        List<CoreCell> cells = new ArrayList<>();
        for (SchemeId s : COVERED) {
            for (AttackId a : AttackId.values()) {
                if (a.inTlaCore() && !properties(s, a).isEmpty()) {
                    cells.addAll(CoreCell.of(s, a, CoreBounds.standard(a)));
                }
            }
        }
        return cells;
    }

    @Test
    void committedCfgsAreTheRenderedOnes() throws IOException {
        boolean write = Boolean.getBoolean("mptcp.core.write");
        List<String> stale = new ArrayList<>();
        for (CoreCell c : allCells()) {
            Path f = CELLS.resolve(c.cfgFileName());
            String want = c.cfg(properties(c.scheme(), c.attack()));
            if (write) {
                Files.createDirectories(CELLS);
                org.mptcpverify.io.AtomicWrite.text(f, want);
            } else if (!Files.exists(f) || !Files.readString(f).equals(want)) {
                stale.add(c.cfgFileName());
            }
        }
        assertEquals(List.of(), stale, "stale cfgs under models/tla/core/cells: rerun with -Dmptcp.core.write=true");
    }
}
