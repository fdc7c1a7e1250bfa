package org.mptcpverify.models.alloy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The Alloy module of every matrix cell, as {@link AlloyEngine} checks it, for committing under
 * models/alloy/cells/: a reader finds each cell's {@code check} commands and scopes by file name
 * and can open the file in the Alloy Analyzer (it opens ../mptcp.als).
 */
public final class AlloyCells {
    /** The folder, relative to models/alloy/, that the committed cell modules live in. */
    public static final String FOLDER = "cells";

    private AlloyCells() {}

    /** File name (inside {@link #FOLDER}) to module text, in matrix order; NOT_APPLICABLE cells have none. */
    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemeId s : SchemeId.matrixSchemes()) {
            for (AttackId a : AttackId.matrixAttacks()) out.putAll(of(s, a));
        }
        return out;
    }

    /** One cell's module (none if NOT_APPLICABLE). */
    public static Map<String, String> of(SchemeId s, AttackId a) {
        if (a.modelledProperties(s).isEmpty()) return Map.of();
        AlloyCell cell = AlloyCell.of(s, a, false);
        // Alloy resolves "open mptcp" against the root implied by the module path
        String text = AlloyCellSource.render(cell)
                .replace("module " + cell.moduleName(), "module " + FOLDER + "/" + cell.moduleName());
        return Map.of(cell.moduleName() + ".als", text);
    }
}
