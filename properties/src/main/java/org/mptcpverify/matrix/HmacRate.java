package org.mptcpverify.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.crypto.HashAlg;

/**
 * The HMAC rate of this machine, for turning offline guessing costs into time (issue #13.4):
 * HMACs of the join's shape (a 16-byte key, an 8-byte message, as MP_JOIN's HMAC of Key-A||Key-B
 * over R-A||R-B) per second on one thread of the JDK's HMAC (the reference's crypto), re-keyed for every HMAC as an offline guesser must. Measured by
 * {@code ./mptcp-verify hmac-rate}; committed as {@code docs/hmac-rate.json} so that docs/results.md
 * is the same bytes on every run. Rates are rounded to two significant digits.
 */
public record HmacRate(long sha1PerSecond, long sha256PerSecond) {
    public static final String FILE = "docs/hmac-rate.json";

    /** Measures each hash for about {@code seconds} seconds after a warm-up of the same length. */
    public static HmacRate measure(double seconds) {
        return new HmacRate(round2(rate(HashAlg.SHA1, seconds)), round2(rate(HashAlg.SHA256, seconds)));
    }

    private static double rate(HashAlg alg, double seconds) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(alg == HashAlg.SHA1 ? "HmacSHA1" : "HmacSHA256");
            run(mac, seconds); // warm-up: the JIT compiles the HMAC before it is timed
            return run(mac, seconds);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HMAC for " + alg, e);
        }
    }

    /** Re-keyed at every HMAC, as an offline guesser is: each guess is a new key. */
    private static double run(javax.crypto.Mac mac, double seconds) throws java.security.InvalidKeyException {
        byte[] key = new byte[16];
        byte[] msg = new byte[8];
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        int sink = 0;
        while (System.nanoTime() - start < budget) {
            for (int i = 0; i < 1024; i++) {
                key[0] = (byte) n;
                key[1] = (byte) (n >>> 8);
                mac.init(new javax.crypto.spec.SecretKeySpec(key, mac.getAlgorithm()));
                sink += mac.doFinal(msg)[0];
                n++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return sink == Integer.MIN_VALUE ? n / elapsed + 1 : n / elapsed; // sink keeps the HMAC from being elided
    }

    static long round2(double x) {
        if (x < 100) return Math.round(x);
        double scale = Math.pow(10, Math.floor(Math.log10(x)) - 1);
        return Math.round(Math.round(x / scale) * scale);
    }

    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hmacSha1PerSecond", sha1PerSecond);
        m.put("hmacSha256PerSecond", sha256PerSecond);
        m.put("measuredBy", "./mptcp-verify hmac-rate --write: one thread, 16-byte key, 8-byte message, JDK HMAC re-keyed per HMAC");
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed rate under {@code root}, if there is one. */
    public static Optional<HmacRate> committed(Path root) throws IOException {
        Path f = root.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        if (!n.path("hmacSha1PerSecond").canConvertToLong() || !n.path("hmacSha256PerSecond").canConvertToLong()) {
            throw new IOException(FILE + ": expected hmacSha1PerSecond and hmacSha256PerSecond");
        }
        return Optional.of(new HmacRate(n.get("hmacSha1PerSecond").asLong(), n.get("hmacSha256PerSecond").asLong()));
    }

    public String text() {
        return String.format(Locale.ROOT, "HMAC-SHA1 %,d/s, HMAC-SHA256 %,d/s (one thread)", sha1PerSecond, sha256PerSecond);
    }
}
