package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.vocab.PropertyId;

/** One property of docs/properties.md, judged on ground truth. */
public interface PropertyMonitor {
    PropertyId property();

    /** Properties about outcomes are judged once, at quiescence after the last action. */
    default boolean atEndOnly() {
        return false;
    }

    /** A one-line explanation of a violation in this world, or empty when it holds. */
    Optional<String> check(World w);
}
