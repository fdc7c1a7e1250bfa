package org.mptcpverify.models.alloy;

import java.util.List;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * One (scheme, attack) cell as the Alloy model checks it.
 *
 * @param states         exact number of State atoms: traces of up to {@code states - 1} actions
 * @param attackerHasKey negative control: the attacker starts with every external key
 */
record AlloyCell(SchemeId scheme, AttackId attack, boolean attackerHasKey, int states) {

    /** Default scope: enough actions for every sequence of the attack's vocabulary that matters. */
    static AlloyCell of(SchemeId scheme, AttackId attack, boolean attackerHasKey) {
        return new AlloyCell(scheme, attack, attackerHasKey, defaultStates(attack));
    }

    /**
     * One client: Connect, Join, Advertise, Close and two attacker actions (observe, then act,
     * then act again on what the first one taught) fit in 6 actions. Two clients: each needs
     * Connect and Join, plus Advertise each and two spare, 8 actions.
     */
    static int defaultStates(AttackId attack) {
        return attack == AttackId.TWO_KEYS_ONE_HOST ? 9 : 7;
    }

    List<PropertyId> properties() {
        return attack.modelledProperties(scheme);
    }

    /** Module name, file stem: unique per (scheme, attack, control, scope). */
    String moduleName() {
        return "cell_" + AlloyNames.of(scheme) + "__" + AlloyNames.of(attack)
                + (attackerHasKey ? "__attacker_has_key" : "") + "__" + states;
    }
}
