package org.mptcpverify.cli;

import java.util.Collection;
import java.util.function.Predicate;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * The rows and columns the TLA+ and Alloy models do not have yet (issue 13: ecdh, mptls and mptcpsec, which only the
 * generic TLA+ core has; remove-addr-forge, mp-prio-forge): only the traces engine runs
 * them; any other engine is bad input, also when selected by default, so that no matrix shows a
 * model's verdict for a row the model lacks.
 */
final class ModelledSchemes {
    private ModelledSchemes() {}

    /** As for schemes, for the columns the models do not have yet (issue 13's new attacker profiles). */
    static void requireAttacks(String engine, Collection<AttackId> attacks) {
        if (engine.equals("tlc")) {
            // the generic core has the profiles of the path-manager and issue-13 columns but the handshake ones
            requireModelled(engine, "attack", attacks, a -> a.modelled() || a.inTlaCore());
            return;
        }
        requireModelled(engine, "attack", attacks, AttackId::modelled);
    }

    static void require(String engine, Collection<SchemeId> schemes) {
        // the generic core has the Diffie-Hellman rows (pub, dh in its term algebra), the Alloy models not yet
        requireModelled(engine, "scheme", schemes, engine.equals("tlc") ? SchemeId::inTlaCore : SchemeId::modelled);
    }

    private static <T> void requireModelled(String engine, String kind, Collection<T> names, Predicate<T> modelled) {
        if (engine.equals("traces")) {
            return;
        }
        for (T n : names) {
            if (!modelled.test(n)) {
                throw new UserInputException(kind + " " + n + " is not modelled yet in " + engine + " (use --engines traces)");
            }
        }
    }
}
