package org.mptcpverify.attack;

import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.trace.ReferenceRunner;
import org.mptcpverify.trace.RunOutcome;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.trace.TraceAction.Advertise;
import org.mptcpverify.trace.TraceAction.Connect;
import org.mptcpverify.trace.TraceAction.ForgeAddAddr;
import org.mptcpverify.trace.TraceAction.ForgeFastClose;
import org.mptcpverify.trace.TraceAction.ForgeJoin;
import org.mptcpverify.trace.TraceAction.Join;
import org.mptcpverify.trace.TraceAction.RewriteJoin;
import org.mptcpverify.trace.TraceAction.SpoofJoinSyn;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/** The hand-written shortest attack traces of each column, and a cell verdict from running them. */
final class ShortestTraces {
    private ShortestTraces() {}

    static List<List<TraceAction>> of(AttackId a) {
        Connect c = new Connect("c1");
        return switch (a) {
            case EAVESDROP_HANDSHAKE -> List.of(List.of(c, new ForgeJoin("c1")));
            case EAVESDROP_ALL -> List.of(List.of(c, new Join("c1"), new ForgeJoin("c1")));
            case SYN_JOIN_REWRITE -> List.of(List.of(c, new RewriteJoin("c1")));
            case JOIN_DOS -> List.of(
                    List.of(c, new SpoofJoinSyn("c1", "forge", "spoof1")),
                    List.of(c, new Join("c1"), new SpoofJoinSyn("c1", "replay", "spoof1")));
            case ADD_ADDR_MITM -> List.of(List.of(c, new ForgeAddAddr("c1")));
            case FASTCLOSE_FORGE -> List.of(List.of(c, new ForgeFastClose("c1")));
            case REMOVE_ADDR_FORGE -> List.of(List.of(c, new TraceAction.ForgeRemoveAddr("c1")));
            case MP_PRIO_FORGE -> List.of(List.of(c, new TraceAction.ForgeMpPrio("c1")));
            case ADD_ADDR_REPLAY, SYN_FLOOD_AMPLIFICATION -> throw new IllegalArgumentException(a + ": no action-based traces (ActionAlphabet.covers)");
            case LEGIT_JOIN, NAT_JOIN, ONE_SIDED_KEY -> List.of(List.of(c, new Join("c1")), List.of(c, new Advertise("c1")));
            case TWO_KEYS_ONE_HOST -> List.of(List.of(c, new Connect("c2"), new Join("c1"), new Join("c2")),
                    List.of(c, new Connect("c2"), new Advertise("c1"), new Advertise("c2")));
            // segment-level columns (AttackId.actionLevel false): no action trace exists
            case HANDSHAKE_DOWNGRADE, HANDSHAKE_MITM, INSIDER, INSIDER_OTHER_APP, INSIDER_BLIND -> List.of();
        };
    }

    /** The scenarios a cell runs: one-sided-key with the key at the client and at the server. */
    static List<Scenario> scenarios(SchemeId s, AttackId a, long seed, boolean attackerHasKey) {
        if (a == AttackId.ONE_SIDED_KEY) {
            return List.of(new Scenario(s, a, seed, "client", attackerHasKey), new Scenario(s, a, seed, "server", attackerHasKey));
        }
        return List.of(new Scenario(s, a, seed, null, attackerHasKey));
    }

    /** Every outcome of the cell's hand-written traces. */
    static List<RunOutcome> run(SchemeId s, AttackId a, long seed, boolean attackerHasKey) {
        List<RunOutcome> out = new ArrayList<>();
        ReferenceRunner r = new ReferenceRunner();
        for (Scenario sc : scenarios(s, a, seed, attackerHasKey)) {
            for (List<TraceAction> t : of(a)) {
                out.add(r.run(sc, t));
            }
        }
        return out;
    }

    /** "NA", "V" or "H" (H only within these traces). */
    static String verdict(SchemeId s, AttackId a, long seed) {
        if (a.applicableProperties(s).isEmpty()) {
            return "NA";
        }
        return run(s, a, seed, false).stream().anyMatch(o -> !o.violations().isEmpty()) ? "V" : "H";
    }
}
