package org.mptcpverify.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The address plan of docs/threat-model.md: every actor address by its shared name
 * ({@code c1.a1}, {@code s.a2}, {@code x.a}, {@code nat.a}, {@code spoof1}, ...), and which path
 * each address sits on ({@code p1}: the a1 addresses, {@code p2}: the a2 addresses and the NAT,
 * {@code px}: the attacker's own link).
 */
public final class Addresses {
    public static final String P1 = "p1";
    public static final String P2 = "p2";
    public static final String PX = "px";

    private static final Map<String, InetAddress> BY_NAME = new LinkedHashMap<>();

    static {
        put("c1.a1", "10.1.0.1");
        put("c1.a2", "10.2.0.1");
        put("c2.a1", "10.1.0.2");
        put("c2.a2", "10.2.0.2");
        put("s.a1", "10.1.0.100");
        put("s.a2", "10.2.0.100");
        put("x.a", "10.9.0.9");
        put("nat.a", "10.2.0.254");
        for (int i = 1; i <= 9; i++) {
            put("spoof" + i, "10.7.0." + i);
        }
    }

    private Addresses() {}

    private static void put(String name, String ip) {
        BY_NAME.put(name, parse(ip));
    }

    private static InetAddress parse(String ip) {
        try {
            return InetAddress.getByName(ip); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<InetAddress> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static InetAddress of(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown address name " + name));
    }

    /** The shared name of an address, or its dotted form. */
    public static String nameOf(InetAddress a) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue().equals(a)).map(Map.Entry::getKey)
                .findFirst().orElse(a.getHostAddress());
    }

    /** The actor owning an address: c1, c2, s, x, nat (spoofed addresses belong to nobody: "spoof"). */
    public static String actorOf(InetAddress a) {
        String n = nameOf(a);
        int dot = n.indexOf('.');
        if (n.startsWith("spoof")) {
            return "spoof";
        }
        return dot > 0 ? n.substring(0, dot) : n;
    }

    public static List<InetAddress> of(String actor, String... suffixes) {
        return java.util.Arrays.stream(suffixes).map(s -> of(actor + "." + s)).toList();
    }

    /** The path an address sits on. */
    public static String pathOf(InetAddress a) {
        String n = nameOf(a);
        if (n.endsWith(".a1")) {
            return P1;
        }
        if (n.endsWith(".a2") || n.equals("nat.a")) {
            return P2;
        }
        return PX;
    }

    /** The path a segment between {@code src} and {@code dst} crosses: that of its non-server end. */
    public static String pathBetween(InetAddress src, InetAddress dst) {
        return actorOf(src).equals("s") ? pathOf(dst) : pathOf(src);
    }
}
