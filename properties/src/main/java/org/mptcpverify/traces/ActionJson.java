package org.mptcpverify.traces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.trace.TraceAction;

/** Actions as the shared JSON objects: {"action": name, "client": c} (+ "mode", "src" for SpoofJoinSyn). */
public final class ActionJson {
    private ActionJson() {
    }

    public static Map<String, Object> toMap(TraceAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a.name());
        m.put("client", a.client());
        if (a instanceof TraceAction.SpoofJoinSyn s) {
            m.put("mode", s.mode());
            m.put("src", s.src());
        }
        return m;
    }

    /** Reads one action object; throws IllegalArgumentException naming what is wrong. */
    public static TraceAction fromMap(Map<String, ?> m) {
        String name = string(m, "action");
        String c = string(m, "client");
        if (!c.equals("c1") && !c.equals("c2")) {
            throw new IllegalArgumentException("unknown client '" + c + "' (c1 or c2)");
        }
        switch (name) {
            case "Connect": return new TraceAction.Connect(c);
            case "Join": return new TraceAction.Join(c);
            case "Advertise": return new TraceAction.Advertise(c);
            case "Close": return new TraceAction.Close(c);
            case "ForgeJoin": return new TraceAction.ForgeJoin(c);
            case "RewriteJoin": return new TraceAction.RewriteJoin(c);
            case "ForgeAddAddr": return new TraceAction.ForgeAddAddr(c);
            case "ForgeFastClose": return new TraceAction.ForgeFastClose(c);
            case "SpoofJoinSyn": {
                String mode = string(m, "mode");
                if (!mode.equals("forge") && !mode.equals("replay")) {
                    throw new IllegalArgumentException("unknown SpoofJoinSyn mode '" + mode + "' (forge or replay)");
                }
                return new TraceAction.SpoofJoinSyn(c, mode, string(m, "src"));
            }
            default:
                throw new IllegalArgumentException("unknown action '" + name + "'");
        }
    }

    private static String string(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("action object without a string \"" + key + "\": " + m);
        }
        return s;
    }

    public static List<Map<String, Object>> toMaps(List<TraceAction> actions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TraceAction a : actions) {
            out.add(toMap(a));
        }
        return out;
    }

    /** One line for logs and test messages, e.g. {@code Connect(c1), SpoofJoinSyn(c1, replay, spoof2)}. */
    public static String describe(List<TraceAction> actions) {
        List<String> parts = new ArrayList<>();
        for (TraceAction a : actions) {
            if (a instanceof TraceAction.SpoofJoinSyn s) {
                parts.add(a.name() + "(" + s.client() + ", " + s.mode() + ", " + s.src() + ")");
            } else {
                parts.add(a.name() + "(" + a.client() + ")");
            }
        }
        return String.join(", ", parts);
    }
}
