package org.mptcpverify.models.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Writes the spec and one {@code MC_<scheme>_<attack>[_<side>].cfg} per checked cell of the
 * column (matrix schemes and {@code broken}), so any cell can be re-run by hand with
 * {@code java -cp tla2tools.jar tlc2.TLC -deadlock -config MC_....cfg MptcpJoin}. Deterministic.
 */
public final class ColumnFiles {
    private ColumnFiles() {
    }

    public static String cfgName(SchemeId s, AttackId a, String side) {
        return "MC_" + s.wireName().replace('/', '_') + "_" + a.wireName() + (side == null ? "" : "_" + side) + ".cfg";
    }

    /** @return the cfg files written, in a fixed order */
    public static List<Path> write(Path dir, TlcBounds bounds) throws IOException {
        Files.createDirectories(dir);
        CounterexampleFile.writeAtomically(dir.resolve(TlcEngine.SPEC + ".tla"), TlcEngine.bundledSpec());
        List<Path> out = new ArrayList<>();
        for (SchemeId s : SchemeId.modelledSchemes()) {
            for (AttackId a : AttackId.matrixAttacks()) {
                List<PropertyId> props = a.applicableProperties(s);
                if (props.isEmpty()) {
                    continue;
                }
                for (String side : TlcEngine.keyedSides(a)) {
                    Path cfg = dir.resolve(cfgName(s, a, side));
                    CounterexampleFile.writeAtomically(cfg,
                            CfgWriter.render(new TlcCheck(s, a, side, false, props, bounds)));
                    out.add(cfg);
                }
            }
        }
        return out;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
