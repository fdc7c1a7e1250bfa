package org.mptcpverify.models.alloy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * Runs every action list of the attack's vocabulary up to a length on the Java reference and
 * collects the properties it violates: the reference's own bounded verdict on a cell, to compare
 * with the model's.
 */
final class ReferenceEnumeration {
    private ReferenceEnumeration() {
    }

    /** The actions an attack allows, for its clients (c1, and c2 in two-keys-one-host). */
    static List<TraceAction> alphabet(AttackId attack) {
        List<String> clients = attack == AttackId.TWO_KEYS_ONE_HOST ? List.of("c1", "c2") : List.of("c1");
        List<TraceAction> out = new ArrayList<>();
        for (String c : clients) {
            out.add(new TraceAction.Connect(c));
            out.add(new TraceAction.Join(c));
            out.add(new TraceAction.Advertise(c));
            out.add(new TraceAction.Close(c));
            switch (attack) {
                case EAVESDROP_HANDSHAKE, EAVESDROP_ALL -> out.add(new TraceAction.ForgeJoin(c));
                case JOIN_DOS -> {
                    out.add(new TraceAction.SpoofJoinSyn(c, "forge", "spoof1"));
                    out.add(new TraceAction.SpoofJoinSyn(c, "replay", "spoof1"));
                }
                case SYN_JOIN_REWRITE -> out.add(new TraceAction.RewriteJoin(c));
                case ADD_ADDR_MITM -> out.add(new TraceAction.ForgeAddAddr(c));
                case FASTCLOSE_FORGE -> out.add(new TraceAction.ForgeFastClose(c));
                default -> {
                }
            }
        }
        return out;
    }

    /** Properties violated by some action list of length 1..maxLength (both keyed sides in one-sided-key). */
    static Set<PropertyId> violated(SchemeId scheme, AttackId attack, int maxLength, long seed) {
        ReferenceRunner runner = new ReferenceRunner();
        Set<PropertyId> found = EnumSet.noneOf(PropertyId.class);
        List<String> sides = attack == AttackId.ONE_SIDED_KEY ? List.of("client", "server") : Collections.singletonList(null);
        List<TraceAction> alphabet = alphabet(attack);
        for (String side : sides) {
            Scenario sc = new Scenario(scheme, attack, seed, side, false);
            List<List<TraceAction>> layer = List.of(List.of());
            for (int len = 1; len <= maxLength; len++) {
                List<List<TraceAction>> next = new ArrayList<>();
                for (List<TraceAction> prefix : layer) {
                    for (TraceAction a : alphabet) {
                        List<TraceAction> t = new ArrayList<>(prefix);
                        t.add(a);
                        RunOutcome o = runner.run(sc, t);
                        o.violations().forEach(v -> found.add(v.property()));
                        next.add(t);
                    }
                }
                layer = next;
            }
        }
        return found;
    }
}
