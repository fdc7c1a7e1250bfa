package org.mptcpverify.models.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mptcpverify.trace.TraceAction;

/** Maps a TLC trace to the shared action list: each step's {@code lastAction} names its action. */
public final class TraceActions {
    private TraceActions() {
    }

    public static List<TraceAction> of(List<TraceState> trace) {
        List<TraceAction> actions = new ArrayList<>();
        for (TraceState s : trace.subList(Math.min(1, trace.size()), trace.size())) {
            String text = s.variables().get("lastAction");
            if (text == null) {
                throw new IllegalArgumentException("trace state " + s.number() + " has no lastAction");
            }
            actions.add(action(TlaRecord.parse(text)));
        }
        return List.copyOf(actions);
    }

    static TraceAction action(Map<String, String> r) {
        String c = r.get("client");
        return switch (r.get("action")) {
            case "Connect" -> new TraceAction.Connect(c);
            case "Join" -> new TraceAction.Join(c);
            case "Advertise" -> new TraceAction.Advertise(c);
            case "Close" -> new TraceAction.Close(c);
            case "ForgeJoin" -> new TraceAction.ForgeJoin(c);
            case "SpoofJoinSyn" -> new TraceAction.SpoofJoinSyn(c, r.get("mode"), r.get("src"));
            case "RewriteJoin" -> new TraceAction.RewriteJoin(c);
            case "ForgeAddAddr" -> new TraceAction.ForgeAddAddr(c);
            case "ForgeFastClose" -> new TraceAction.ForgeFastClose(c);
            default -> throw new IllegalArgumentException("unknown action in trace: " + r);
        };
    }
}
