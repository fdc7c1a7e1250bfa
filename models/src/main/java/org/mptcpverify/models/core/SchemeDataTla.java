package org.mptcpverify.models.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mptcpverify.models.core.SchemeData.Check;
import org.mptcpverify.models.core.SchemeData.KeyPair;
import org.mptcpverify.models.core.SchemeData.Lookup;
import org.mptcpverify.models.core.SchemeData.Msg;
import org.mptcpverify.models.core.SchemeData.Row;

/**
 * Renders {@link SchemeData} as the generic core's TLA+ modules: Scheme_&lt;s&gt;.tla (one
 * operator, SchemeData, built with the constructors of SchemeLang.tla) and MC_&lt;s&gt;.tla.
 * The output is a pure function of the data, so a committed file is stale exactly when the
 * rendering of its definition differs.
 */
public final class SchemeDataTla {
    private SchemeDataTla() {}

    /**
     * Scheme_&lt;suffix&gt;.tla (SchemeData and its parts, named D_*) for a data form generated from
     * {@code source} (a repository path, for the header), with the mirror data ({@link
     * SchemeDataBuilder#coreMirror}): per data mode, the definition's messages of the directions
     * the core's {@code modes} leave out (the client's ADD_ADDR, the server's MP_FASTCLOSE,
     * REMOVE_ADDR and MP_PRIO), under their base kind.
     */
    public static String schemeModule(SchemeData d, Map<String, Map<CoreMessage, Msg>> mirror, String suffix,
            String source) {
        String module = "Scheme_" + suffix;
        StringBuilder b = new StringBuilder();
        b.append(header(module));
        b.append("(* GENERATED from ").append(source).append(" by SchemeDataBuilder; do not edit.\n");
        b.append("   Regenerate: mvn -pl models test -Dtest=GeneratedSchemeDataTest -Dmptcp.core.write=true\n");
        b.append("   Format: docs/models.md, \"Data form of a scheme\". *)\n");
        b.append("EXTENDS SchemeLang\n\n");
        // The parts are zero-arity definitions of their own: TLC caches their values, while the
        // body of SchemeData (substituted for the constant Def) is evaluated at every use of Def.
        b.append("D_Negotiate ==\n    ");
        List<String> rows = new ArrayList<>();
        for (KeyPair k : KeyPair.ALL) {
            Row r = d.negotiate().get(k);
            rows.add("(<<" + bool(k.client()) + ", " + bool(k.server()) + ">> :> Row(" + str(r.a()) + ", " + str(r.b())
                    + "))");
        }
        b.append(String.join("\n @@ ", rows)).append("\n\n");
        for (Map.Entry<String, Map<CoreMessage, Msg>> m : d.modes().entrySet()) {
            b.append("D_Mode_").append(m.getKey()).append(" == [\n");
            List<String> msgs = new ArrayList<>();
            for (Map.Entry<CoreMessage, Msg> e : m.getValue().entrySet()) {
                msgs.add("  " + e.getKey().name() + " |-> " + msg(e.getValue()));
            }
            b.append(String.join(",\n", msgs)).append("\n]\n\n");
        }
        // the mirror-image directions (issue 13): a mode without any is NoMap
        for (String mode : d.modes().keySet()) {
            Map<CoreMessage, Msg> mm = mirror.getOrDefault(mode, Map.of());
            b.append("D_Mirror_").append(mode).append(" == ");
            if (mm.isEmpty()) {
                b.append("NoMap\n\n");
                continue;
            }
            List<String> msgs = new ArrayList<>();
            for (Map.Entry<CoreMessage, Msg> e : mm.entrySet()) {
                msgs.add("  " + e.getKey().name() + " |-> " + msg(e.getValue()));
            }
            b.append("[\n").append(String.join(",\n", msgs)).append("\n]\n\n");
        }
        // issue 13: the signalled modes (flag bit, mismatch rule), for the handshake profiles
        b.append("D_Signals == ");
        if (d.signals().isEmpty()) {
            b.append("[m \\in {} |-> [flag |-> 0, mismatch |-> \"base\"]]\n\n");
        } else {
            b.append(d.signals().entrySet().stream().map(e -> "(" + str(e.getKey()) + " :> [flag |-> "
                    + e.getValue().flag() + ", mismatch |-> " + str(e.getValue().mismatchTcp() ? "tcp" : "base") + "])")
                    .collect(Collectors.joining(" @@ "))).append("\n\n");
        }
        b.append("SchemeData == [\n");
        b.append("  name |-> ").append(str(d.name())).append(", version |-> ").append(d.version())
                .append(", hash |-> ").append(str(d.hash())).append(",\n");
        b.append("  usesKey |-> ").append(bool(d.usesKey())).append(", keySource |-> ").append(str(d.keySource()))
                .append(",\n");
        b.append("  slots |-> ").append(strings(d.slots())).append(", jslots |-> ").append(strings(d.jslots()))
                .append(",\n");
        b.append("  negotiate |-> D_Negotiate, base |-> ").append(str(d.base())).append(", signals |-> D_Signals,\n");
        b.append("  keyed |-> ").append(strings(d.keyed())).append(",\n");
        b.append("  modes |-> [").append(d.modes().keySet().stream().map(m -> m + " |-> D_Mode_" + m)
                .collect(Collectors.joining(", "))).append("],\n");
        b.append("  mirror |-> [").append(d.modes().keySet().stream().map(m -> m + " |-> D_Mirror_" + m)
                .collect(Collectors.joining(", "))).append("]\n]\n");
        b.append("=".repeat(77)).append('\n');
        return b.toString();
    }

    /** MC_&lt;suffix&gt;.tla: what TLC checks, the generic core with the scheme's data. */
    public static String mcModule(String suffix) {
        return header("MC_" + suffix) + "(* GENERATED by SchemeDataTla; do not edit. *)\n"
                + "EXTENDS MptcpCore, Scheme_" + suffix + "\n" + "=".repeat(77) + "\n";
    }

    private static String header(String module) {
        String title = " MODULE " + module + " ";
        int left = Math.max(4, (77 - title.length()) / 2);
        int right = Math.max(4, 77 - title.length() - left);
        return "-".repeat(left) + title + "-".repeat(right) + "\n";
    }

    private static String msg(Msg m) {
        String fresh = strings(m.fresh());
        if (m.lookup() != null) {
            return "JoinSyn(" + fresh + ", " + map(m.keep()) + ",\n      " + map(m.fields()) + ",\n      "
                    + lookup(m.lookup()) + ",\n      " + map(m.stores()) + ")";
        }
        String checks = m.checks().isEmpty() ? "<<>>"
                : "<< " + m.checks().stream().map(SchemeDataTla::check).collect(Collectors.joining(",\n             "))
                + " >>";
        return "Msg(" + fresh + ", " + map(m.keep()) + ",\n      " + map(m.fields()) + ",\n      " + checks
                + ",\n      " + map(m.stores()) + ")";
    }

    private static String check(Check c) {
        return "Check(" + str(c.field()) + ", " + tla(c.expect()) + ", " + str(c.fail()) + ")";
    }

    private static String lookup(Lookup l) {
        return "Lookup(" + str(l.field()) + ", " + (l.expect() == null ? "Nil" : tla(l.expect())) + ", " + str(l.select())
                + ", " + l.window() + ", " + bool(l.once()) + ", " + l.limit() + ")";
    }

    private static String map(Map<String, Tmpl> m) {
        if (m.isEmpty()) {
            return "NoMap";
        }
        return "[" + m.entrySet().stream().map(e -> e.getKey() + " |-> " + tla(e.getValue()))
                .collect(Collectors.joining(", ")) + "]";
    }

    /** A template as the Terms.tla / SchemeLang.tla constructors write it. */
    public static String tla(Tmpl t) {
        if (t instanceof Tmpl.Atom a) return "Atom(" + str(a.name()) + ")";
        if (t instanceof Tmpl.Lbl l) return "Lbl(" + str(l.text()) + ")";
        if (t instanceof Tmpl.Int i) {
            return i.bits() == 32 ? "Int(" + i.value() + ")" : "Num(" + i.value() + ", " + str(Integer.toString(i.bits())) + ")";
        }
        if (t instanceof Tmpl.Zero) return "Zero";
        if (t instanceof Tmpl.Hash h) return "Hash(" + tla(h.arg()) + ")";
        if (t instanceof Tmpl.Token k) return "Token(" + tla(k.arg()) + ")";
        if (t instanceof Tmpl.Idsn i) return "Idsn(" + tla(i.arg()) + ")";
        if (t instanceof Tmpl.Hmac m) return "Hmac(" + tla(m.key()) + ", " + tla(m.msg()) + ")";
        if (t instanceof Tmpl.Cat c) return "Cat(<<" + c.parts().stream().map(SchemeDataTla::tla).collect(Collectors.joining(", ")) + ">>)";
        if (t instanceof Tmpl.Xor x) {
            // Xor is binary in Terms.tla: a left fold
            String acc = tla(x.parts().get(0));
            for (Tmpl p : x.parts().subList(1, x.parts().size())) {
                acc = "Xor(" + acc + ", " + tla(p) + ")";
            }
            return acc;
        }
        if (t instanceof Tmpl.TruncL l) return "TruncL(" + str(Integer.toString(l.bits())) + ", " + tla(l.arg()) + ")";
        if (t instanceof Tmpl.TruncR r) return "TruncR(" + str(Integer.toString(r.bits())) + ", " + tla(r.arg()) + ")";
        if (t instanceof Tmpl.Pub p) return "Pub(" + tla(p.priv()) + ")";
        if (t instanceof Tmpl.Dh d) return "Dh(" + tla(d.priv()) + ", " + tla(d.peer()) + ")";
        if (t instanceof Tmpl.Slot s) return "Slot(" + str(s.name()) + ")";
        if (t instanceof Tmpl.Fld f) return "Fld(" + str(f.name()) + ")";
        if (t instanceof Tmpl.Fresh f) return "Fresh(" + str(f.name()) + ")";
        if (t instanceof Tmpl.Ext) return "Ext";
        if (t instanceof Tmpl.Idx) return "Idx";
        if (t instanceof Tmpl.Seg s) return "Seg(" + str(s.which()) + ")";
        throw new IllegalStateException("unknown template " + t);
    }

    private static String strings(Set<String> s) {
        return "{" + s.stream().map(SchemeDataTla::str).collect(Collectors.joining(", ")) + "}";
    }

    private static String str(String s) {
        if (s.contains("\"") || s.contains("\\")) {
            throw new IllegalArgumentException("not a TLA+ string literal: " + s);
        }
        return "\"" + s + "\"";
    }

    private static String bool(boolean b) {
        return b ? "TRUE" : "FALSE";
    }
}
