package org.mptcpverify.engine;

import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The cells of the attacker-given-the-key negative control (issue 12 item 5), the same for every
 * engine: each external-key scheme of the default matrix, each of its columns with an attacker,
 * each safety property of that column that applies. Given the key its profile lacks, the attacker
 * must violate the property there; where it cannot, the cell's verdict rests on nothing the
 * attacker could exercise.
 */
public final class KeyControls {
    private KeyControls() {}

    /** One control: a property of a (scheme, attack) cell. */
    public record Cell(SchemeId scheme, AttackId attack, PropertyId property) {
        @Override
        public String toString() {
            return scheme + " / " + attack + " / " + property;
        }
    }

    /** Every control cell of the default matrix, in matrix order. */
    public static List<Cell> all() {
        List<Cell> out = new ArrayList<>();
        for (SchemeId s : SchemeId.matrixSchemes()) {
            if (!s.usesExternalKey()) continue;
            for (AttackId a : AttackId.matrixAttacks()) {
                if (!a.hasAttacker()) continue;
                a.applicableProperties(s).forEach(p -> out.add(new Cell(s, a, p)));
            }
        }
        return out;
    }

    /**
     * The control cells of the engines that judge the models' properties only (tlc, alloy):
     * {@link #all} without the properties no model judges ({@link PropertyId#inModels}).
     */
    public static List<Cell> modelled() {
        return all().stream().filter(c -> c.property().inModels()).toList();
    }

    /** The control cells of the generic TLA+ core: {@link #all} with the properties it judges ({@link PropertyId#inTlaCore}). */
    public static List<Cell> tlaCore() {
        return all().stream().filter(c -> c.property().inTlaCore()).toList();
    }

    /**
     * The cells a test checks: all of {@code cells} when the system property {@code optIn} is
     * "all", else {@link #ciSelection}.
     */
    public static List<Cell> forBuild(List<Cell> cells, String optIn) {
        return "all".equals(System.getProperty(optIn)) ? cells : ciSelection(cells);
    }

    /**
     * A deterministic subset for every build: the schemes and the (attack, property) pairs of
     * {@code cells} walked side by side, each list repeated until the longer one is through, so
     * every scheme and every pair has one control, and no cell is picked by hand.
     */
    public static List<Cell> ciSelection(List<Cell> cells) {
        List<SchemeId> schemes = cells.stream().map(Cell::scheme).distinct().toList();
        List<List<Object>> pairs = cells.stream().map(c -> List.<Object>of(c.attack(), c.property())).distinct().toList();
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < Math.max(schemes.size(), pairs.size()); i++) {
            SchemeId s = schemes.get(i % schemes.size());
            List<Object> p = pairs.get(i % pairs.size());
            cells.stream().filter(c -> c.scheme().equals(s) && c.attack() == p.get(0) && c.property() == p.get(1))
                    .findFirst().ifPresent(out::add);
        }
        return out;
    }
}
