package org.mptcpverify.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mptcpverify.trace.TraceAction;
import org.mptcpverify.trace.TraceJson;

/** Actions as the shared JSON objects: {"action": name, "client": c} (+ "mode", "src" for SpoofJoinSyn). */
public final class ActionJson {
    private ActionJson() {
    }

    public static Map<String, Object> toMap(TraceAction a) {
        return TraceJson.actionMap(a);
    }

    /** Reads one action object; throws IllegalArgumentException naming what is wrong. */
    public static TraceAction fromMap(Map<String, ?> m) {
        try {
            return TraceJson.parseAction(new ObjectMapper().valueToTree(m));
        } catch (TraceJson.BadTraceFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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
