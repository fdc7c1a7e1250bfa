package org.mptcpverify.trace;

import java.util.ArrayList;
import java.util.List;
import org.mptcpverify.vocab.AttackId;

// Exchange-level attacker's action vocabulary: ReferenceRunner's callers only; deleted with the legacy Alloy engine
// (docs/traces-engine.md, "Exchange-level attacker: remaining users").
/**
 * The actions an attack allows (docs/threat-model.md): the legitimate actions of its clients
 * (c1, and c2 in two-keys-one-host) plus the attack's active actions.
 */
public final class ActionAlphabet {
    private ActionAlphabet() {}

    /** @param spoofSources the spoofed sources SpoofJoinSyn may use under join-dos, in order */
    public static List<TraceAction> of(AttackId attack, List<String> spoofSources) {
        List<String> clients = attack == AttackId.TWO_KEYS_ONE_HOST ? List.of("c1", "c2") : List.of("c1");
        List<TraceAction> out = new ArrayList<>();
        for (String c : clients) {
            out.add(new TraceAction.Connect(c));
            out.add(new TraceAction.Join(c));
            out.add(new TraceAction.Advertise(c));
            out.add(new TraceAction.Close(c));
            switch (attack) {
                case EAVESDROP_HANDSHAKE, EAVESDROP_ALL -> out.add(new TraceAction.ForgeJoin(c));
                case SYN_JOIN_REWRITE -> out.add(new TraceAction.RewriteJoin(c));
                case JOIN_DOS -> {
                    for (String mode : List.of("forge", "replay")) {
                        for (String src : spoofSources) {
                            out.add(new TraceAction.SpoofJoinSyn(c, mode, src));
                        }
                    }
                }
                case ADD_ADDR_MITM -> out.add(new TraceAction.ForgeAddAddr(c));
                case FASTCLOSE_FORGE -> out.add(new TraceAction.ForgeFastClose(c));
                case REMOVE_ADDR_FORGE -> {
                    out.add(new TraceAction.RemoveAddr(c));
                    out.add(new TraceAction.ForgeRemoveAddr(c));
                }
                case MP_PRIO_FORGE -> {
                    out.add(new TraceAction.SetBackup(c));
                    out.add(new TraceAction.ForgeMpPrio(c));
                }
                default -> { }
            }
        }
        return out;
    }

    /** Whether the action alphabet has the attack's moves ({@link org.mptcpverify.vocab.AttackId#actionLevel}). */
    public static boolean covers(org.mptcpverify.vocab.AttackId a) {
        return a.actionLevel();
    }
}
