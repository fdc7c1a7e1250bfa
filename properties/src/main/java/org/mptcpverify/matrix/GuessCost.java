package org.mptcpverify.matrix;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.vocab.Verdict;

/**
 * The price of guessing of a cell that holds without guessing (issue #13.4): the cheapest attack's
 * work in bits, whether each guess costs a segment ({@code online}) or a local computation against
 * an observed value ({@code offline}), and the field(s) guessed. The traces engine computes it from
 * the scheme definition it runs ({@code guessCost}, {@code guessMode}, {@code guessField} in its
 * bounds); the other engines do not.
 */
public record GuessCost(double bits, String mode, String field) {
    /** Online guesses per second assumed in reports: one segment each, 1 M segments/s. */
    public static final double SEGMENTS_PER_SECOND = 1e6;

    /** The cell's cost, when it holds (or is vacuous) and the traces engine recorded one. */
    public static Optional<GuessCost> of(CellOutcome c) {
        if (!c.agree() || (c.verdict() != Verdict.HOLDS && c.verdict() != Verdict.VACUOUS)) {
            return Optional.empty();
        }
        CellResult r = c.engines().get("traces");
        Object bits = r == null ? null : r.bounds().get("guessCost");
        if (bits == null) {
            return Optional.empty();
        }
        return Optional.of(new GuessCost(Double.parseDouble(bits.toString()), String.valueOf(r.bounds().get("guessMode")),
                String.valueOf(r.bounds().get("guessField"))));
    }

    /** As matrix.json writes it. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bits", Math.round(bits * 100) / 100.0);
        m.put("mode", mode);
        m.put("field", field);
        return m;
    }

    /** "cheapest attack 2^26.58 online (guessing K)". */
    public String phrase() {
        return String.format(Locale.ROOT, "cheapest attack 2^%.2f %s (guessing %s)", bits, mode, field);
    }

    /**
     * The expected worst-case time of the attack: 2^bits guesses at {@code rate} per second, online
     * at {@link #SEGMENTS_PER_SECOND}, offline at {@code hmacPerSecond} (null: unknown).
     */
    public String time(Double hmacPerSecond) {
        double rate = mode.equals("online") ? SEGMENTS_PER_SECOND : hmacPerSecond == null ? Double.NaN : hmacPerSecond;
        if (Double.isNaN(rate)) {
            return "no measured HMAC rate";
        }
        double seconds = Math.pow(2, bits) / rate;
        return duration(seconds);
    }

    static String duration(double s) {
        if (s < 1) return "under 1 s";
        if (s < 3600) return String.format(Locale.ROOT, "%.0f s", s);
        if (s < 86400 * 2) return String.format(Locale.ROOT, "%.1f h", s / 3600);
        double years = s / (365.25 * 86400);
        if (years < 2) return String.format(Locale.ROOT, "%.0f days", s / 86400);
        return String.format(Locale.ROOT, "2^%.1f years", Math.log(years) / Math.log(2));
    }
}
