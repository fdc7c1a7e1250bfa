package org.mptcpverify.models.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * One cell of the generic TLA+ core: a scheme's data module, an attacker profile (the attack's
 * shared name), who holds the external key, and the bounds.
 *
 * @param keyedSide "both", "client" or "server" (one-sided-key is checked with each side)
 */
public record CoreCell(SchemeId scheme, AttackId attack, String keyedSide, boolean attackerHasKey,
                       CoreBounds bounds) {
    /** Where the committed cell configurations live, relative to the repository root. */
    public static final String CELLS_FOLDER = "models/tla/core/cells";

    public CoreCell {
        if (!List.of("both", "client", "server").contains(keyedSide)) {
            throw new IllegalArgumentException("keyed side must be both, client or server: " + keyedSide);
        }
    }

    /** The cells an attack is checked in: one-sided-key with the key on either side. */
    public static List<CoreCell> of(SchemeId scheme, AttackId attack, CoreBounds bounds) {
        if (attack == AttackId.ONE_SIDED_KEY) {
            return List.of(new CoreCell(scheme, attack, "client", false, bounds),
                    new CoreCell(scheme, attack, "server", false, bounds));
        }
        if (attack == AttackId.SYN_FLOOD_AMPLIFICATION) {
            // the client is the attacker's own host: its connection has no external key
            return List.of(new CoreCell(scheme, attack, "server", false, bounds));
        }
        return List.of(new CoreCell(scheme, attack, "both", false, bounds));
    }

    /**
     * The committed configurations of one cell (models/tla/core/cells), file name to text, one per
     * keyed side, with the standard bounds and all of the cell's properties; none where no property
     * applies or the scheme is not modelled.
     */
    public static Map<String, String> configurations(SchemeId scheme, AttackId attack) {
        Map<String, String> out = new LinkedHashMap<>();
        List<PropertyId> props = attack.tlaCoreProperties(scheme);
        if (props.isEmpty() || !scheme.inTlaCore()) return out;
        for (CoreCell c : of(scheme, attack, CoreBounds.standard(attack))) {
            out.put(c.cfgFileName(), c.cfg(props));
        }
        return out;
    }

    /** {@link #configurations} of every scheme and attack of the generic TLA+ core, in vocabulary order. */
    public static Map<String, String> allConfigurations() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemeId s : SchemeId.tlaCoreSchemes()) {
            for (AttackId a : AttackId.values()) {
                if (a.inTlaCore()) out.putAll(configurations(s, a));
            }
        }
        return out;
    }

    /** TLA+ module suffix of a scheme: its shared name with '-' and '/' as '_'. */
    public static String moduleSuffix(SchemeId scheme) {
        return scheme.wireName().replace('-', '_').replace('/', '_');
    }

    /** models/tla/core/schemes/Scheme_&lt;suffix&gt;.tla, the scheme's data. */
    public String schemeModule() {
        return "Scheme_" + moduleSuffix(scheme);
    }

    /** models/tla/core/MC_&lt;suffix&gt;.tla: MptcpCore with the scheme's data. */
    public String mcModule() {
        return "MC_" + moduleSuffix(scheme);
    }

    /** Committed cfg name, models/tla/core/cells/&lt;this&gt;. */
    public String cfgFileName() {
        String side = attack == AttackId.ONE_SIDED_KEY ? "_" + keyedSide : "";
        return "MC_" + scheme.wireName().replace('/', '_') + "_" + attack.wireName() + side
                + (attackerHasKey ? "_attacker-has-key" : "") + ".cfg";
    }

    /**
     * The TLC configuration checking {@code invariants} (TypeOK always first). Only properties of
     * the attack's goal: MptcpCore.tla's VIEW leaves out what its profile's goal does not read
     * (the attacker's knowledge once it is spent, touched subflows), so another property checked
     * there could miss a violation.
     */
    public String cfg(List<PropertyId> invariants) {
        if (!attack.properties().containsAll(invariants)) {
            throw new IllegalArgumentException("the core checks only the properties of " + attack.wireName() + " ("
                    + attack.properties() + "), not " + invariants);
        }
        StringBuilder b = new StringBuilder();
        b.append("\\* Generic core cell: ").append(scheme.wireName()).append(" x ").append(attack.wireName())
                .append(attack == AttackId.ONE_SIDED_KEY ? " (key on the " + keyedSide + ")" : "").append('\n');
        b.append("\\* Run in models/tla/core: java -DTLA-Library=schemes -cp tla2tools.jar tlc2.TLC -deadlock -config cells/")
                .append(cfgFileName()).append(' ').append(mcModule()).append(".tla\n");
        b.append("CONSTANTS\n");
        b.append("  Def <- SchemeData\n");
        b.append("  Profile = \"").append(attack.wireName()).append("\"\n");
        b.append("  KeyedSide = \"").append(keyedSide).append("\"\n");
        b.append("  AttackerHasKey = ").append(tla(attackerHasKey)).append('\n');
        b.append("  Apps = ").append(bounds.apps()).append('\n');
        b.append("  ClientsPerApp = ").append(bounds.clientsPerApp()).append('\n');
        b.append("  ConnsPerClient = ").append(bounds.connsPerClient()).append('\n');
        b.append("  MaxJoins = ").append(bounds.joins()).append('\n');
        b.append("  MaxInjections = ").append(bounds.injections()).append('\n');
        b.append("  MaxRewrites = ").append(bounds.rewrites()).append('\n');
        b.append("  Lossy = ").append(tla(bounds.lossy())).append('\n');
        b.append("  AttackerPeer = ").append(tla(bounds.attackerPeer())).append('\n');
        b.append("  Spoofs = {\"spoof1\"}\n");
        // server options (definitions of MptcpCore.tla overridden only when not the default)
        if (bounds.serverHalfOpen() > 0) {
            b.append("  ServerHalfOpenLimit = ").append(bounds.serverHalfOpen()).append('\n');
        }
        if (bounds.joinCookies()) {
            b.append("  JoinCookies = TRUE\n");
        }
        b.append("INIT Init\nNEXT Next\nVIEW View\n");
        b.append("INVARIANT TypeOK\n");
        for (PropertyId p : invariants) {
            b.append("INVARIANT ").append(p.modelName()).append('\n');
        }
        return b.toString();
    }

    private static String tla(boolean b) {
        return b ? "TRUE" : "FALSE";
    }

    @Override
    public String toString() {
        return scheme.wireName() + " x " + attack.wireName()
                + (attack == AttackId.ONE_SIDED_KEY ? " (" + keyedSide.toLowerCase(Locale.ROOT) + ")" : "");
    }
}
