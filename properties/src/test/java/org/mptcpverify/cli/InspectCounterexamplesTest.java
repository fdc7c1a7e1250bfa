package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mptcpverify.inspect.Keying;
import org.mptcpverify.matrix.Versions;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.trace.Scenario;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.SchemeId;

/**
 * `inspect --scheme S --key ...` over every committed counterexample pcap, with the keys the
 * replay configures (drawn from the counterexample's seed as the reference runner draws them).
 * Which host sent each frame comes from the counterexample's own segment list ({@code origin}),
 * not from inspect: every value a legitimate host sent must verify, and every value the attacker
 * ({@code x}) sent must be listed at its frame.
 */
class InspectCounterexamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLegitimateValueOfEveryCommittedCounterexampleVerifiesUnderItsScheme() throws IOException {
        List<Path> traces;
        try (Stream<Path> s = Files.walk(Versions.repoRoot().resolve("counterexamples"))) {
            traces = s.filter(p -> p.getFileName().toString().equals("traces.json")).sorted().toList();
        }
        assertFalse(traces.isEmpty(), "no committed counterexamples");
        List<String> failures = new ArrayList<>();
        int legitimateChecked = 0;
        for (Path t : traces) {
            JsonNode cx = JSON.readTree(t.toFile());
            SchemeId id = SchemeId.byName(cx.get("scheme").asText()).orElseThrow();
            AttackId attack = AttackId.byName(cx.get("attack").asText()).orElseThrow();
            AuthScheme scheme = Schemes.of(id);
            JsonNode keyedSide = cx.get("keyedSide");
            Scenario sc = new Scenario(id, attack, cx.get("seed").asLong(),
                    keyedSide.isNull() ? null : keyedSide.asText(), cx.get("attackerHasKey").asBoolean());
            Scenario.AppKeys keys = cx.has("population")
                    ? segmentKeys(cx.get("population").get("keys"), scheme) // segment-level file: the keys it names
                    : sc.appKeys(scheme);
            JsonNode segments = cx.get("segments");
            Path pcap = t.resolveSibling("traces.pcap");
            // Application 1 (port 80) uses the first key, application 2 (port 81, two-keys-one-host) the second.
            // A value verifies under its sender's configuration: the sender's key (or none) for both
            // sides. (With one side keyed, the receiver may rightly reject it: that is one-sided-key.)
            for (int app = 0; app < 2; app++) {
                KeySetting k = app == 0 ? keys.first() : keys.second();
                for (String sender : List.of("c1", "s")) {
                    List<String> args = new ArrayList<>(List.of("inspect", "--json", "--scheme", id.wireName()));
                    if (sc.keyed(scheme, sender.equals("s") ? "server" : "client")) {
                        args.add("--key");
                        args.add(Keying.formatKey(k));
                    }
                    args.add(pcap.toString());
                    CliRun r = CliRun.run(args.toArray(String[]::new));
                    String where = t.getParent() + " " + args;
                    assertTrue(r.code() == 0 || r.code() == 1, where + ": " + r.err());
                    for (JsonNode c : JSON.readTree(r.out()).get("connections")) {
                        if (serverPort(segments, c.get("firstFrame").asInt()) != 80 + app) {
                            continue;
                        }
                        legitimateChecked += check(where, sender, c, segments, failures);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(legitimateChecked > 50, "legitimate values checked: " + legitimateChecked);
    }

    /**
     * Controls: with a wrong key some value of every keyed counterexample whose values depend on it
     * fails; without --key none that a legitimate host sent is called INVALID (they are "not checked").
     */
    @Test
    void aWrongKeyFailsAndNoKeyIsNeverInvalid() throws IOException {
        List<Path> traces;
        try (Stream<Path> s = Files.walk(Versions.repoRoot().resolve("counterexamples"))) {
            traces = s.filter(p -> p.getFileName().toString().equals("traces.json")).sorted().toList();
        }
        int wrongKeyCaught = 0;
        List<String> invalidWithoutKey = new ArrayList<>();
        for (Path t : traces) {
            JsonNode cx = JSON.readTree(t.toFile());
            SchemeId id = SchemeId.byName(cx.get("scheme").asText()).orElseThrow();
            AttackId attack = AttackId.byName(cx.get("attack").asText()).orElseThrow();
            if (!id.usesExternalKey() || attack == AttackId.ONE_SIDED_KEY || attack == AttackId.TWO_KEYS_ONE_HOST) {
                continue;
            }
            AuthScheme scheme = Schemes.of(id);
            Scenario sc = new Scenario(id, attack, cx.get("seed").asLong(), null, cx.get("attackerHasKey").asBoolean());
            Scenario.AppKeys keys = cx.has("population")
                    ? segmentKeys(cx.get("population").get("keys"), scheme) // segment-level file: the keys it names
                    : sc.appKeys(scheme);
            Path pcap = t.resolveSibling("traces.pcap");
            JsonNode segments = cx.get("segments");
            // The second application's key is a well-formed key that is not this connection's.
            CliRun wrong = CliRun.run("inspect", "--json", "--scheme", id.wireName(), "--key",
                    Keying.formatKey(keys.second()), pcap.toString());
            if (wrong.out().contains("false")) {
                wrongKeyCaught++;
            }
            CliRun none = CliRun.run("inspect", "--json", "--scheme", id.wireName(), pcap.toString());
            for (JsonNode c : JSON.readTree(none.out()).get("connections")) {
                for (String sender : List.of("c1", "s")) {
                    List<String> f = new ArrayList<>();
                    check(t.getParent() + " without --key", sender, c, segments, f);
                    f.stream().filter(x -> x.contains("\"Valid\":false") || x.contains("Valid\":false")
                            || x.contains("\"valid\":false")).forEach(invalidWithoutKey::add);
                }
            }
        }
        assertEquals(List.of(), invalidWithoutKey);
        assertTrue(wrongKeyCaught >= 10, "counterexamples where a wrong key made a value fail: " + wrongKeyCaught);
    }

    /** Checks one connection; returns how many legitimately sent values verified. */
    private static int check(String where, String sender, JsonNode c, JsonNode segments, List<String> failures) {
        int ok = 0;
        for (JsonNode j : c.get("joins")) {
            int frame = j.get("synFrame").asInt();
            if (j.get("randB").isNull()) {
                continue; // no SYN/ACK: nothing authenticated on this join
            }
            // The server answers every join SYN it accepts with a SYN/ACK computed from its own state;
            // the third ACK comes from the SYN's sender.
            if (sender.equals("s")) {
                ok += expectValid(where, "join SYN/ACK HMAC (SYN frame " + frame + ")", j.get("synAckHmacValid"), j, failures);
            }
            if (origin(segments, frame).equals(sender) && !j.get("ackHmacValid").isNull()) {
                ok += expectValid(where, "join third-ACK HMAC (SYN frame " + frame + ")", j.get("ackHmacValid"), j, failures);
            }
        }
        for (JsonNode a : c.get("addAddrs")) {
            int frame = a.get("frame").asInt();
            if (!origin(segments, frame).equals(sender)) {
                continue;
            }
            if (a.get("hmacValid").isNull() && a.get("notChecked").asText().contains("carries no authenticator")) {
                continue; // v0 designs
            }
            ok += expectValid(where, "ADD_ADDR frame " + frame, a.get("hmacValid"), a, failures);
        }
        for (JsonNode o : c.get("options")) {
            String name = o.get("option").asText();
            boolean authenticated = name.equals("MP_FASTCLOSE") || name.equals("NEW_KEY") || name.startsWith("MP_CAPABLE");
            if (!authenticated || !origin(segments, o.get("frame").asInt()).equals(sender)) {
                continue;
            }
            ok += expectValid(where, name + " frame " + o.get("frame").asInt(), o.get("valid"), o, failures);
        }
        return ok;
    }

    private static int expectValid(String where, String what, JsonNode valid, JsonNode node, List<String> failures) {
        if (valid.isBoolean() && valid.asBoolean()) {
            return 1;
        }
        failures.add(where + ": " + what + " sent by a legitimate host does not verify: " + node);
        return 0;
    }

    /** The host that sent pcap frame {@code frame} (1-based: frame i is segment i-1). */
    private static String origin(JsonNode segments, int frame) {
        return segments.get(frame - 1).get("origin").asText();
    }

    /** The destination port of the SYN in {@code frame} (IPv4, 20-byte IP header in the simulator). */
    /** The application keys of a segment-level file: K1 (port 80) and K2 (port 81), as the replayer sets them. */
    private static Scenario.AppKeys segmentKeys(JsonNode keys, AuthScheme scheme) {
        KeySetting first = setting(keys.get("K1"), scheme);
        KeySetting second = keys.has("K2") ? setting(keys.get("K2"), scheme) : first;
        return new Scenario.AppKeys(first, second);
    }

    private static KeySetting setting(JsonNode hex, AuthScheme scheme) {
        return hex == null ? KeySetting.none()
                : scheme.keySetting(org.mptcpverify.wire.Bytes.fromHex(hex.asText()));
    }

    private static int serverPort(JsonNode segments, int frame) {
        String hex = segments.get(frame - 1).get("hex").asText();
        return Integer.parseInt(hex.substring(44, 48), 16);
    }
}
