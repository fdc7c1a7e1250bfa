package org.mptcpverify.models.alloy;

import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.ast.Expr;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.parser.CompUtil;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.A4Tuple;
import edu.mit.csail.sdg.translator.A4TupleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpverify.trace.TraceAction;

/**
 * Reads an instance of the model as a trace in the shared action vocabulary: the State atoms in
 * their order, each with the action that led into it (Skip steps are padding and dropped).
 *
 * @param actions   the replayable action list
 * @param keyedSide "client" / "server" in one-sided-key, else null
 */
record AlloyTrace(List<TraceAction> actions, String keyedSide) {

    static AlloyTrace read(CompModule world, A4Solution sol) throws Err {
        String first = single(eval(world, sol, "firstState"));
        Map<String, String> next = pairs(eval(world, sol, "stepOrder"));
        Map<String, String> act = pairs(eval(world, sol, "act"));
        Map<String, String> who = pairs(eval(world, sol, "who"));
        Map<String, String> mode = pairs(eval(world, sol, "mode"));
        Map<String, String> src = pairs(eval(world, sol, "src"));
        A4TupleSet keyed = eval(world, sol, "Config.keyedSide");
        List<TraceAction> actions = new ArrayList<>();
        for (String st = next.get(first); st != null; st = next.get(st)) {
            String a = act.get(st);
            if (a == null) {
                throw new IllegalStateException("state " + st + " has no action");
            }
            TraceAction ta = toAction(name(a), name(who.get(st)), name(mode.get(st)), name(src.get(st)));
            if (ta != null) {
                actions.add(ta);
            }
        }
        return new AlloyTrace(List.copyOf(actions), keyed.size() == 0 ? null : name(single(keyed)));
    }

    /** One model step as a vocabulary action; null for the Skip stutter. */
    static TraceAction toAction(String act, String client, String mode, String src) {
        return switch (act) {
            case "Skip" -> null;
            case "Connect" -> new TraceAction.Connect(client);
            case "Join" -> new TraceAction.Join(client);
            case "Advertise" -> new TraceAction.Advertise(client);
            case "Close" -> new TraceAction.Close(client);
            case "ForgeJoin" -> new TraceAction.ForgeJoin(client);
            case "SpoofJoinSyn" -> new TraceAction.SpoofJoinSyn(client, mode, src);
            case "RewriteJoin" -> new TraceAction.RewriteJoin(client);
            case "ForgeAddAddr" -> new TraceAction.ForgeAddAddr(client);
            case "ForgeFastClose" -> new TraceAction.ForgeFastClose(client);
            default -> throw new IllegalStateException("unknown action atom " + act);
        };
    }

    private static A4TupleSet eval(CompModule world, A4Solution sol, String expr) throws Err {
        Expr e = CompUtil.parseOneExpression_fromString(world, expr);
        return (A4TupleSet) sol.eval(e);
    }

    private static Map<String, String> pairs(A4TupleSet set) {
        Map<String, String> m = new HashMap<>();
        for (A4Tuple t : set) {
            m.put(t.atom(0), t.atom(1));
        }
        return m;
    }

    private static String single(A4TupleSet set) {
        if (set.size() != 1) {
            throw new IllegalStateException("expected one atom, got " + set);
        }
        return set.iterator().next().atom(0);
    }

    /** Atom label without module prefix and {@code $n} suffix: {@code mptcp/ForgeJoin$0} is {@code ForgeJoin}. */
    static String name(String atom) {
        if (atom == null) {
            return null;
        }
        int dollar = atom.indexOf('$');
        String s = dollar < 0 ? atom : atom.substring(0, dollar);
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
