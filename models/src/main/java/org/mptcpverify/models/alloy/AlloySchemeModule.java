package org.mptcpverify.models.alloy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mptcpverify.models.core.CoreMessage;
import org.mptcpverify.models.core.SchemeData;
import org.mptcpverify.models.core.SchemeData.Check;
import org.mptcpverify.models.core.SchemeData.KeyPair;
import org.mptcpverify.models.core.SchemeData.Lookup;
import org.mptcpverify.models.core.SchemeData.Msg;
import org.mptcpverify.models.core.SchemeData.Row;
import org.mptcpverify.models.core.Tmpl;

/**
 * Renders a scheme's data form ({@link SchemeData}, built from its definition by
 * SchemeDataBuilder) as the Alloy generic core's scheme module (the interface of
 * models/alloy/core/lang.als): case tables over (mode, message) whose entries are the templates
 * as Alloy expressions over the context arguments. The names it uses (slots {@code S_*}, fields
 * {@code F_*}, labels {@code L_*}) are declared by the cell's dag module ({@link AlloyTermDag}),
 * generated from the same data. Pure and deterministic; refuses what the core cannot express.
 */
public final class AlloySchemeModule {
    private AlloySchemeModule() {
    }

    static String slot(String s) {
        return "S_" + s;
    }

    static String field(String f) {
        return "F_" + f;
    }

    static String mode(String m) {
        return m.equals(Row.TCP) ? "TCP" : "M_" + m;
    }

    /** Whether the Alloy core can express the scheme (else {@link #render} throws and says why). */
    public static boolean expressible(SchemeData d) {
        try {
            render(d, "x");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The module text; {@code source} is the definition's path, named in the header. */
    public static String render(SchemeData d, String source) {
        return render(d, source, null);
    }

    /**
     * The module text with the per-message functions ({@code keep_G}, {@code fields_G},
     * {@code fail_G}, {@code stores_G}) and the join lookup holding only the entries of the data
     * modes in {@code live} ({@code null}: every mode). A cell fixes who holds the key, so its ends
     * run only the negotiated modes or TCP (core.als changes a mode only to TCP): the other modes'
     * entries are dead, yet Kodkod translates every branch of a case table at every call site.
     * The generic tables over (mode, message) stay whole (the core does not call them).
     */
    public static String render(SchemeData d, String source, java.util.Set<String> live) {
        if (!d.keySource().equals("socket") && !d.keySource().equals("host")) {
            throw new IllegalArgumentException(d.name() + ": key source " + d.keySource() + " is not modelled by the Alloy core");
        }
        StringBuilder b = new StringBuilder();
        b.append("module scheme\n\n/*\n * GENERATED from ").append(source).append(" by AlloySchemeModule (via SchemeDataBuilder);")
                .append(" do not edit.\n * Regenerate: mvn -pl models test -Dtest=GeneratedAlloySchemeTest -Dmptcp.core.write=true\n")
                .append(" * ").append(d.name()).append(" as data for the Alloy generic core (interface: lang.als).\n")
                .append(live == null ? "" : " * Per cell: the per-message functions and the lookup hold the modes "
                        + String.join(", ", d.modes().keySet().stream().filter(live::contains).map(AlloySchemeModule::mode).toList())
                        + " only (the modes its ends can run).\n")
                .append(" */\n");
        b.append("open termsig\nopen dag\nopen terms\nopen lang\n\n");
        b.append("one sig ").append(String.join(", ", d.modes().keySet().stream().map(AlloySchemeModule::mode).toList()))
                .append(" extends Mode {}\n\n");
        b.append("pred usesKey { ").append(d.usesKey() ? "Y = Y" : "Y = N").append(" }\n");
        b.append("pred hostKey { ").append(d.keySource().equals("host") ? "Y = Y" : "Y = N").append(" }\n");
        for (String side : List.of("A", "B")) {
            b.append("fun nego").append(side).append("[ck, sk: YN]: Mode {\n  ");
            for (KeyPair k : KeyPair.ALL) {
                Row r = d.negotiate().get(k);
                b.append("(ck = ").append(k.client() ? "Y" : "N").append(" and sk = ").append(k.server() ? "Y" : "N")
                        .append(") => ").append(mode(side.equals("A") ? r.a() : r.b())).append(" else ");
            }
            b.append("TCP\n}\n");
        }
        List<String> sends = new ArrayList<>();
        List<String> draws = new ArrayList<>();
        List<String> keepN = new ArrayList<>();
        List<String> fieldN = new ArrayList<>();
        List<String> storeN = new ArrayList<>();
        for (Map.Entry<String, Map<CoreMessage, Msg>> m : d.modes().entrySet()) {
            String md = mode(m.getKey());
            for (Map.Entry<CoreMessage, Msg> e : m.getValue().entrySet()) {
                String mg = md + " -> " + e.getKey().name();
                Msg msg = e.getValue();
                sends.add(mg);
                if (msg.fresh().size() > 1) {
                    throw new IllegalArgumentException(d.name() + ": " + e.getKey() + " draws more than one value");
                }
                if (!msg.fresh().isEmpty()) {
                    draws.add(mg);
                }
                msg.keep().keySet().forEach(s -> keepN.add(mg + " -> " + slot(s)));
                msg.fields().keySet().forEach(f -> fieldN.add(mg + " -> " + field(f)));
                msg.stores().keySet().forEach(s -> storeN.add(mg + " -> " + slot(s)));
            }
        }
        b.append("fun sends: Mode -> MsgName { ").append(union(sends, "none -> none")).append(" }\n");
        b.append("fun jslots: set SlotName { ").append(union(d.jslots().stream().map(AlloySchemeModule::slot).toList(), "none"))
                .append(" }\n");
        b.append("pred draws[m: Mode, g: MsgName] { m -> g in ").append(union(draws, "none -> none")).append(" }\n");
        b.append("fun keepNames[m: Mode, g: MsgName]: set SlotName { g.(m.(").append(union(keepN, "none -> none -> none"))
                .append(")) }\n");
        b.append("fun fieldNames[m: Mode, g: MsgName]: set FieldName { g.(m.(")
                .append(union(fieldN, "none -> none -> none")).append(")) }\n");
        b.append("fun storeNames[m: Mode, g: MsgName]: set SlotName { g.(m.(").append(union(storeN, "none -> none -> none"))
                .append(")) }\n\n");

        b.append("fun keep[m: Mode, g: MsgName, fr, ext: lone Term]: SlotName -> Term {\n");
        table(b, d, msg -> map(msg.keep(), AlloySchemeModule::slot, true), "none -> none");
        b.append("fun fields[m: Mode, g: MsgName, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {\n");
        table(b, d, msg -> map(msg.fields(), AlloySchemeModule::field, false), "none -> none");
        b.append("fun fail[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {\n");
        table(b, d, AlloySchemeModule::fails, "none");
        b.append("fun stores[m: Mode, g: MsgName, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {\n");
        table(b, d, msg -> map(msg.stores(), AlloySchemeModule::slot, false), "none -> none");

        // the same tables split by message: the core's handlers know their message, so each calls its
        // own message's function and only that message's entries are translated (Kodkod translates
        // both branches of every if-then-else, so a case table over (mode, message) costs every
        // case at every call site; measured: docs/models.md, "Session 9 (alloyfast)")
        for (CoreMessage g : CoreMessage.values()) {
            if (g == CoreMessage.REMOVE_ADDR || g == CoreMessage.MP_PRIO) {
                continue; // the Alloy core has no path-manager messages (the TLA+ core's only)
            }
            String n = g.name();
            b.append("fun keep_").append(n).append("[m: Mode, fr, ext: lone Term]: SlotName -> Term {\n");
            byMode(b, d, live, g, msg -> map(msg.keep(), AlloySchemeModule::slot, true), "none -> none");
            b.append("fun fields_").append(n)
                    .append("[m: Mode, sl: SlotName -> Term, ext, idx, src, dst: lone Term]: FieldName -> Term {\n");
            byMode(b, d, live, g, msg -> map(msg.fields(), AlloySchemeModule::field, false), "none -> none");
            b.append("fun fail_").append(n)
                    .append("[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: lone Fail {\n");
            byMode(b, d, live, g, AlloySchemeModule::fails, "none");
            b.append("fun stores_").append(n)
                    .append("[m: Mode, sl: SlotName -> Term, fld: FieldName -> Term, ext, idx, src, dst: lone Term]: SlotName -> Term {\n");
            byMode(b, d, live, g, msg -> map(msg.stores(), AlloySchemeModule::slot, false), "none -> none");
        }

        // the server's JOIN_SYN lookup, per mode
        StringBuilder lkField = new StringBuilder();
        StringBuilder lkVal = new StringBuilder();
        StringBuilder lkSelect = new StringBuilder();
        StringBuilder lkWindow = new StringBuilder();
        List<String> once = new ArrayList<>();
        StringBuilder lkLimit = new StringBuilder();
        boolean windowless = false;
        boolean windowed = false;
        for (Map.Entry<String, Map<CoreMessage, Msg>> m : d.modes().entrySet()) {
            if (live != null && !live.contains(m.getKey())) {
                continue;
            }
            Msg syn = m.getValue().get(CoreMessage.JOIN_SYN);
            if (syn == null || syn.lookup() == null) {
                windowless = true;
                continue;
            }
            Lookup l = syn.lookup();
            windowless |= l.window() == 0;
            windowed |= l.window() > 0;
            String guard = "m = " + mode(m.getKey()) + " => ";
            String select = switch (l.select()) {
                case "token" -> "BY_TOKEN";
                case "recent" -> "RECENT";
                case "recent-open" -> "RECENT_OPEN";
                default -> null;
            };
            if (select == null) {
                throw new IllegalArgumentException(d.name() + ": lookup select " + l.select() + " is not modelled by the Alloy core");
            }
            lkField.append(guard).append(field(l.field())).append(" else ");
            lkVal.append(guard).append(l.expect() == null ? "none" : expr(l.expect(), false)).append("\n    else ");
            lkSelect.append(guard).append(select).append(" else ");
            lkWindow.append(guard).append(l.window()).append(" else ");
            lkLimit.append(guard).append(l.limit()).append(" else ");
            if (l.once()) {
                once.add(mode(m.getKey()));
            }
        }
        b.append("fun lkField[m: Mode]: lone FieldName { ").append(lkField).append("none }\n");
        b.append("fun lkVal[m: Mode, sl: SlotName -> Term, ext, idx: lone Term]: lone Term {\n    ").append(lkVal)
                .append("none\n}\n");
        b.append("fun lkSelect[m: Mode]: Select { ").append(lkSelect).append("BY_TOKEN }\n");
        b.append("fun lkWindow[m: Mode]: Int { ").append(lkWindow).append("0 }\n");
        b.append("pred lkOnce[m: Mode] { m in ").append(union(once, "none")).append(" }\n");
        b.append("fun lkLimit[m: Mode]: Int { ").append(lkLimit).append("0 }\n");
        // the join indices a lookup can match (core.als window: I0 without a window, else unused
        // indices from I1): the server's JOIN_SYN handler quantifies over these only
        List<String> idx = new ArrayList<>();
        if (windowless) {
            idx.add("I0");
        }
        if (windowed) {
            for (int i = 1; i <= AlloyTermDag.MAX_NUM; i++) {
                idx.add("I" + i);
            }
        }
        b.append("fun lkIdx: set Num { ").append(union(idx, "none")).append(" }\n");
        return b.toString();
    }

    private static String union(List<String> parts, String empty) {
        return parts.isEmpty() ? empty : String.join(" + ", parts);
    }

    /** One case per (mode, message) that has an entry; {@code empty} for the rest. */
    private static void table(StringBuilder b, SchemeData d, Function<Msg, String> entry, String empty) {
        List<String> cases = new ArrayList<>();
        for (Map.Entry<String, Map<CoreMessage, Msg>> m : d.modes().entrySet()) {
            for (Map.Entry<CoreMessage, Msg> e : m.getValue().entrySet()) {
                String v = entry.apply(e.getValue());
                if (v != null) {
                    cases.add("(m = " + mode(m.getKey()) + " and g = " + e.getKey().name() + ") => " + v);
                }
            }
        }
        cases.add(empty);
        b.append("  ").append(String.join("\n  else ", cases)).append("\n}\n");
    }

    /** One case per mode whose message {@code g} has an entry; {@code empty} for the rest. */
    private static void byMode(StringBuilder b, SchemeData d, java.util.Set<String> live, CoreMessage g,
                               Function<Msg, String> entry, String empty) {
        List<String> cases = new ArrayList<>();
        for (Map.Entry<String, Map<CoreMessage, Msg>> m : d.modes().entrySet()) {
            if (live != null && !live.contains(m.getKey())) {
                continue;
            }
            Msg msg = m.getValue().get(g);
            String v = msg == null ? null : entry.apply(msg);
            if (v != null) {
                cases.add("m = " + mode(m.getKey()) + " => " + v);
            }
        }
        cases.add(empty);
        b.append("  ").append(String.join("\n  else ", cases)).append("\n}\n");
    }

    static String map(Map<String, Tmpl> m, Function<String, String> name, boolean keep) {
        if (m.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        m.forEach((k, t) -> parts.add(name.apply(k) + " -> " + expr(t, keep)));
        return "(" + String.join(" + ", parts) + ")";
    }

    static String fails(Msg msg) {
        if (msg.checks().isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (Check c : msg.checks()) {
            s.append("(not eq[fld[").append(field(c.field())).append("], ").append(expr(c.expect(), false))
                    .append("] => ").append(outcome(c.fail())).append(" else ");
        }
        s.append("none").append(")".repeat(msg.checks().size()));
        return s.toString();
    }

    private static String outcome(String fail) {
        return switch (fail) {
            case "tcp" -> "F_TCP";
            case "rst" -> "F_RST";
            case "drop" -> "F_DROP";
            default -> throw new IllegalArgumentException("unknown check outcome " + fail);
        };
    }

    /** A template as an Alloy expression; {@code fr} (the drawn value) only in keep entries. */
    static String expr(Tmpl t, boolean keep) {
        if (t instanceof Tmpl.Atom a) {
            return AlloyTermDag.addr(a.name());
        }
        if (t instanceof Tmpl.Lbl l) {
            return AlloyTermDag.label(l.text());
        }
        if (t instanceof Tmpl.Int i) {
            return "I" + i.value();
        }
        if (t instanceof Tmpl.Zero) {
            return "Zero";
        }
        Tmpl u = AlloyTermDag.unaryArg(t);
        if (u != null) {
            return "app[" + AlloyTermDag.op(t) + ", " + expr(u, keep) + "]";
        }
        if (t instanceof Tmpl.Hmac h) {
            return "hmac[" + expr(h.key(), keep) + ", " + expr(h.msg(), keep) + "]";
        }
        if (t instanceof Tmpl.Cat c) {
            return fold("cat", c.parts(), keep);
        }
        if (t instanceof Tmpl.Xor x) {
            return fold("xor", x.parts(), keep);
        }
        if (t instanceof Tmpl.Slot s) {
            return "sl[" + slot(s.name()) + "]";
        }
        if (t instanceof Tmpl.Fld f) {
            return "fld[" + field(f.name()) + "]";
        }
        if (t instanceof Tmpl.Fresh) {
            if (!keep) {
                throw new IllegalArgumentException("a drawn value outside keep: " + t);
            }
            return "fr";
        }
        if (t instanceof Tmpl.Ext) {
            return "ext";
        }
        if (t instanceof Tmpl.Idx) {
            return "idx";
        }
        if (t instanceof Tmpl.Seg s) {
            return s.which();
        }
        throw new IllegalArgumentException("unknown template " + t);
    }

    private static String fold(String op, List<Tmpl> parts, boolean keep) {
        String acc = expr(parts.get(parts.size() - 1), keep);
        for (int i = parts.size() - 2; i >= 0; i--) {
            acc = op + "[" + expr(parts.get(i), keep) + ", " + acc + "]";
        }
        return acc;
    }
}
