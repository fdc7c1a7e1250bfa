package org.mptcpverify.models.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a TLA+ value as TLC prints it in an error trace: strings, integers, booleans, records
 * {@code [a |-> v]} (a sorted map), sequences {@code <<v>>} (a list), sets {@code {v}} (a set) and
 * functions {@code (k :> v @@ ...)} (a map). Equal TLA+ values give equal Java values.
 */
public final class TlaValue {
    private final String s;
    private int at;

    private TlaValue(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        TlaValue p = new TlaValue(text);
        Object v = p.value();
        p.skip();
        if (p.at != p.s.length()) {
            throw p.error("trailing text");
        }
        return v;
    }

    private Object value() {
        skip();
        if (at >= s.length()) {
            throw error("value expected");
        }
        char c = s.charAt(at);
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            at++;
            Map<String, Object> r = new TreeMap<>();
            if (!eat("]")) {
                do {
                    skip();
                    int start = at;
                    while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) {
                        at++;
                    }
                    String name = s.substring(start, at);
                    expect("|->");
                    r.put(name, value());
                } while (eat(","));
                expect("]");
            }
            return r;
        }
        if (s.startsWith("<<", at)) {
            at += 2;
            List<Object> l = new ArrayList<>();
            if (!eat(">>")) {
                do {
                    l.add(value());
                } while (eat(","));
                expect(">>");
            }
            return l;
        }
        if (c == '{') {
            at++;
            Set<Object> set = new LinkedHashSet<>();
            if (!eat("}")) {
                do {
                    set.add(value());
                } while (eat(","));
                expect("}");
            }
            return set;
        }
        if (c == '(') {
            at++;
            Map<Object, Object> f = new LinkedHashMap<>();
            do {
                Object k = value();
                expect(":>");
                f.put(k, value());
            } while (eat("@@"));
            expect(")");
            return f;
        }
        if (s.startsWith("TRUE", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("FALSE", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        int start = at;
        if (c == '-') {
            at++;
        }
        while (at < s.length() && Character.isDigit(s.charAt(at))) {
            at++;
        }
        if (at == start) {
            throw error("unknown value");
        }
        return Long.parseLong(s.substring(start, at));
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        at++;
        while (at < s.length() && s.charAt(at) != '"') {
            if (s.charAt(at) == '\\' && at + 1 < s.length()) {
                at++;
            }
            b.append(s.charAt(at++));
        }
        expect("\"");
        return b.toString();
    }

    private void skip() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
    }

    private boolean eat(String tok) {
        skip();
        if (s.startsWith(tok, at)) {
            at += tok.length();
            return true;
        }
        return false;
    }

    private void expect(String tok) {
        if (!eat(tok)) {
            throw error("'" + tok + "' expected");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("TLA+ value: " + what + " at " + at + ": "
                + s.substring(at, Math.min(s.length(), at + 40)));
    }
}
