package org.mptcpverify.cli;

import java.util.Collection;
import org.mptcpverify.vocab.SchemeId;

/**
 * The rows the TLA+ and Alloy models do not have yet (issue 13: ecdh, mptls): only the traces engine runs
 * them; any other engine is bad input, also when selected by default, so that no matrix shows a
 * model's verdict for a row the model lacks.
 */
final class ModelledSchemes {
    private ModelledSchemes() {}

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
