package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.vocab.PropertyId;

/** The attacker's knowledge never contains an external key (its effective, authenticating part). */
public final class ExternalKeySecrecyMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.EXTERNAL_KEY_SECRECY;
    }

    @Override
    public Optional<String> check(World w) {
        return w.realKeys().stream().filter(w.attackerKeys()::contains).findFirst()
                .map(k -> "the attacker knows an external key (" + (k.length() * 8) + " effective bits)");
    }
}
