package org.mptcpverify.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Named bounds of a check, e.g. {@code joins=3,injections=2}. As the user writes them a key is
 * plain ({@code joins}: every selected engine must honour it) or qualified by an engine
 * ({@code tlc.nonces}: that engine only); an engine resolves the keys meant for it into the full
 * set it checks with ({@link Engine#resolve}). Values are non-negative integers; order is kept.
 */
public record Bounds(Map<String, Integer> values) {
    public static final Bounds NONE = new Bounds(Map.of());
    private static final Pattern KEY = Pattern.compile("([a-z]+\\.)?[a-z][a-z0-9-]*");

    public Bounds {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parses {@code KEY=N[,KEY=N...]}.
     *
     * @throws BoundsException with a one-line message for anything else
     */
    public static Bounds parse(String text) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            throw new BoundsException("expected KEY=N[,KEY=N...], got an empty value");
        }
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (eq < 0 || !KEY.matcher(key).matches() || !value.matches("[0-9]{1,6}")) {
                throw new BoundsException("expected KEY=N with N a non-negative integer, got '" + part + "'");
            }
            if (m.put(key, Integer.parseInt(value)) != null) {
                throw new BoundsException("bound '" + key + "' given twice");
            }
        }
        return new Bounds(m);
    }

    /** The engine named in a qualified key ({@code tlc} for {@code tlc.nonces}), or null. */
    public static String qualifier(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? null : key.substring(0, dot);
    }

    /** The keys meant for {@code engine}: every plain key and its own qualified keys, unqualified. */
    public Bounds forEngine(String engine) {
        Map<String, Integer> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            String q = qualifier(k);
            if (q == null || q.equals(engine)) {
                String plain = q == null ? k : k.substring(q.length() + 1);
                if (m.put(plain, v) != null) {
                    throw new BoundsException("bound '" + plain + "' given both plain and as " + engine + "." + plain);
                }
            }
        });
        return new Bounds(m);
    }

    public OptionalInt get(String key) {
        Integer v = values.get(key);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    public int getOr(String key, int fallback) {
        return values.getOrDefault(key, fallback);
    }

    public Bounds with(String key, int value) {
        Map<String, Integer> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new Bounds(m);
    }

    /** These bounds without {@code key}, plain or qualified ({@code ENGINE.key}). */
    public Bounds without(String key) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>(values);
        m.keySet().removeIf(k -> k.equals(key) || k.endsWith("." + key));
        return new Bounds(m);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code KEY=N,KEY=N}, in order: the form {@link #parse} reads. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
