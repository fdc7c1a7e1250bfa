package org.mptcpverify.models.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.mptcpverify.models.verdicts.VerdictCache;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The committed {@code tlc} verdicts of the default matrix (models/tla/core/verdicts.json), each
 * with the fingerprint of everything TLC read to decide it: the generic modules, the scheme's
 * generated data and MC module, the cell's configurations, the standard bounds and the seed.
 * The file and the reuse rule are the shared {@link VerdictCache}; this class gives TLC's inputs.
 */
public final class CoreVerdicts {
    /** Relative to the repository root. */
    public static final String FILE = "models/tla/core/verdicts.json";
    public static final String FORMAT = "mptcp-verify-core-verdicts/1";
    /** The tlc column's committed verdicts. */
    public static final VerdictCache CACHE = new VerdictCache(FILE, FORMAT, CoreVerdicts::fingerprint);

    private CoreVerdicts() {}

    /**
     * SHA-256 over what TLC reads for the cell: the generic modules and the scheme's modules as
     * shipped in the jar (the committed files, staleness-checked against their generators), the
     * cell's configurations, the standard bounds and the seed.
     */
    public static String fingerprint(SchemeId scheme, AttackId attack, long seed) {
        StringBuilder b = new StringBuilder("seed ").append(seed).append('\n');
        List<String> modules = new ArrayList<>(CoreChecker.CORE_MODULES);
        modules.add("MC_" + CoreCell.moduleSuffix(scheme));
        modules.add("schemes/Scheme_" + CoreCell.moduleSuffix(scheme));
        for (String m : modules) {
            b.append("module ").append(m).append('\n').append(resource("/tla/core/" + m + ".tla")).append('\n');
        }
        CoreCell.configurations(scheme, attack).forEach((name, cfg) -> b.append("cfg ").append(name).append('\n').append(cfg));
        b.append("bounds ").append(new TreeMap<>(CoreBounds.standard(attack).asMap())).append('\n');
        return VerdictCache.sha256(b.toString());
    }

    private static String resource(String name) {
        try (InputStream in = CoreVerdicts.class.getResourceAsStream(name)) {
            // a scheme without committed modules has nothing to reuse: its fingerprint says so
            return in == null ? "(missing)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
