package org.mptcpverify.cli;

import java.util.Collection;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The rows and columns the TLA+ and Alloy models do not have yet (issue 13: ecdh, mptls; remove-addr-forge,
 * mp-prio-forge): only the traces engine runs
 * them; any other engine is bad input, also when selected by default, so that no matrix shows a
 * model's verdict for a row the model lacks.
 */
final class ModelledSchemes {
    private ModelledSchemes() {}

    /** As for schemes, for the columns the models do not have yet (issue 13's new attacker profiles). */
    static void requireAttacks(String engine, Collection<AttackId> attacks) {
        if (engine.equals("traces")) {
            return;
        }
        for (AttackId a : attacks) {
            if (!a.modelled()) {
                throw new UserInputException("attack " + a + " is not modelled yet in " + engine + " (use --engines traces)");
            }
        }
    }

    static void require(String engine, Collection<SchemeId> schemes) {
        if (engine.equals("traces")) {
            return;
        }
        for (SchemeId s : schemes) {
            if (!s.modelled()) {
                throw new UserInputException("scheme " + s + " is not modelled yet in " + engine + " (use --engines traces)");
            }
        }
    }
}
