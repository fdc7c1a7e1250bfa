package org.mptcpverify.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpverify.matrix.Versions;

/**
 * The committed counterexample pcaps mark the attacker's segments with pcapng packet comments, and
 * {@code inspect} shows them. Who sent each frame is read from the counterexample's own segment
 * list ({@code origin} in traces.json), not from the pcap or inspect.
 */
class InspectAttackerMarksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CX = Versions.repoRoot().resolve("counterexamples");

    /**
     * Every frame the attacker x originated is marked; a marked frame another host originated is a
     * copy x forwarded (relayed or rewritten), so the same host sent an earlier frame in that trace
     * step; and at least one committed counterexample (syn-join-rewrite) has such a rewritten copy.
     */
    @Test
    void everyAttackerFrameOfEveryCommittedCounterexampleIsMarked() throws IOException {
        List<Path> traces;
        try (Stream<Path> s = Files.walk(CX)) {
            traces = s.filter(p -> p.getFileName().toString().equals("traces.json")).sorted().toList();
        }
        assertFalse(traces.isEmpty(), "no committed counterexamples");
        List<String> failures = new ArrayList<>();
        int attackerFrames = 0;
        int rewrittenFrames = 0;
        for (Path t : traces) {
            JsonNode segments = JSON.readTree(t.toFile()).get("segments");
            JsonNode report = inspectJson(t.resolveSibling("traces.pcap"));
            TreeSet<Long> marked = new TreeSet<>();
            for (JsonNode m : report.get("attackerFrames")) {
                marked.add(m.get("frame").asLong());
                if (!m.get("comment").asText().startsWith("attacker-originated")) {
                    failures.add(t + ": frame " + m.get("frame") + " comment " + m.get("comment"));
                }
            }
            for (int i = 0; i < segments.size(); i++) {
                long frame = i + 1;
                String origin = segments.get(i).get("origin").asText();
                if (origin.equals("x")) {
                    attackerFrames++;
                    if (!marked.contains(frame)) {
                        failures.add(t + ": frame " + frame + " sent by x is not marked");
                    }
                } else if (marked.contains(frame)) {
                    rewrittenFrames++;
                    if (!forwardedCopy(segments, i, origin)) {
                        failures.add(t + ": frame " + frame + " of " + origin + " is marked but is no forwarded copy");
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(attackerFrames > 0, "attacker frames seen: " + attackerFrames);
        assertTrue(rewrittenFrames > 0, "no relayed or rewritten frame marked in any counterexample");
    }

    /**
     * rfc8684 add-addr-mitm: the forged ADD_ADDR, HMAC valid, shown as the attacker's and in the name
     * of the end whose address it carries as source (B's towards the client, or, since the mirror
     * direction, A's towards the server).
     */
    @Test
    void theForgedAddAddrIsShownAsTheAttackers() throws IOException {
        Path dir = CX.resolve("rfc8684/add-addr-mitm");
        JsonNode segments = JSON.readTree(dir.resolve("traces.json").toFile()).get("segments");
        JsonNode report = inspectJson(dir.resolve("traces.pcap"));
        int forged = 0;
        for (JsonNode c : report.get("connections")) {
            for (JsonNode a : c.get("addAddrs")) {
                boolean byX = sentByX(segments, a.get("frame").asInt());
                assertEquals(byX, a.get("attackerMarked").asBoolean(), a.toString());
                if (byX) {
                    forged++;
                    String claimed = sourceIp(segments, a.get("frame").asInt())
                            .equals(sourceIp(segments, firstSynFrame(segments))) ? "A" : "B";
                    assertEquals(claimed, a.get("sender").asText(), a.toString());
                    assertTrue(a.get("hmacValid").asBoolean(), "the attacker computed a valid HMAC: " + a);
                }
            }
        }
        assertTrue(forged > 0, "no forged ADD_ADDR in " + dir);
        CliRun text = CliRun.run("inspect", dir.resolve("traces.pcap").toString());
        assertTrue(text.out().lines().anyMatch(l -> l.contains("ADD_ADDR") && l.matches(".*from [AB]'s address \\[attacker\\].*")),
                text.out());
        assertTrue(text.out().contains("attacker segments (pcapng packet comments):"), text.out());
    }

    /** rfc8684 eavesdrop-handshake: the attacker's join, both HMACs valid, its SYN and third ACK marked. */
    @Test
    void theAttackersJoinIsShownAsTheAttackers() throws IOException {
        Path dir = CX.resolve("rfc8684/eavesdrop-handshake");
        JsonNode segments = JSON.readTree(dir.resolve("traces.json").toFile()).get("segments");
        JsonNode report = inspectJson(dir.resolve("traces.pcap"));
        int attackerJoins = 0;
        for (JsonNode c : report.get("connections")) {
            for (JsonNode j : c.get("joins")) {
                boolean byX = sentByX(segments, j.get("synFrame").asInt());
                List<String> sent = new ArrayList<>();
                j.get("attackerSent").forEach(n -> sent.add(n.asText()));
                if (byX) {
                    attackerJoins++;
                    assertTrue(sent.contains("SYN") && sent.contains("third ACK") && !sent.contains("SYN/ACK"), j.toString());
                    assertTrue(j.get("ackHmacValid").asBoolean(), "the attacker's HMAC-A verifies: " + j);
                } else {
                    assertFalse(sent.contains("SYN"), j.toString());
                }
            }
        }
        assertTrue(attackerJoins > 0, "no join opened by x in " + dir);
    }

    /** Wireshark's reader finds the same frames marked as inspect does. */
    @Test
    void tsharkSeesTheSameMarks() throws Exception {
        Assumptions.assumeTrue(onPath("tshark"), "tshark not installed: the independent reader is unavailable");
        for (String cx : List.of("rfc8684/add-addr-mitm", "rfc8684/syn-join-rewrite", "rfc8684/fastclose-forge")) {
            Path pcap = CX.resolve(cx).resolve("traces.pcap");
            Process p = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-Y", "frame.comment",
                    "-T", "fields", "-e", "frame.number")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            List<Long> ours = new ArrayList<>();
            inspectJson(pcap).get("attackerFrames").forEach(m -> ours.add(m.get("frame").asLong()));
            assertFalse(ours.isEmpty(), cx);
            assertEquals(ours, out.lines().map(Long::parseLong).toList(), cx);
        }
    }

    private static JsonNode inspectJson(Path pcap) throws IOException {
        CliRun r = CliRun.run("inspect", "--json", pcap.toString());
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, pcap + ": " + r.err());
        return JSON.readTree(r.out());
    }

    /** Whether pcap frame {@code frame} (1-based: segment frame-1) was originated by x, per traces.json. */
    private static boolean sentByX(JsonNode segments, int frame) {
        return segments.get(frame - 1).get("origin").asText().equals("x");
    }

    private static byte[] frameBytes(JsonNode segments, int frame) {
        return java.util.HexFormat.of().parseHex(segments.get(frame - 1).get("hex").asText());
    }

    /** The IPv4 source address of a frame, as written in the counterexample. */
    private static String sourceIp(JsonNode segments, int frame) {
        byte[] ip = frameBytes(segments, frame);
        return (ip[12] & 0xff) + "." + (ip[13] & 0xff) + "." + (ip[14] & 0xff) + "." + (ip[15] & 0xff);
    }

    /** The frame of the connection's first SYN (inspect's side A sent it). */
    private static int firstSynFrame(JsonNode segments) {
        for (int f = 1; f <= segments.size(); f++) {
            byte[] ip = frameBytes(segments, f);
            int flags = ip[(ip[0] & 0x0f) * 4 + 13] & 0xff;
            if ((flags & 0x02) != 0 && (flags & 0x10) == 0) {
                return f;
            }
        }
        throw new AssertionError("no SYN in the counterexample");
    }

    /**
     * Whether frame {@code i} is a copy of an earlier frame: one with the same network id (the
     * segment-level files record it; a replayed copy may come many events later), or, in an
     * action-level file, a frame of {@code origin} earlier in the same trace step.
     */
    private static boolean forwardedCopy(JsonNode segments, int i, String origin) {
        if (segments.get(i).has("id")) {
            long id = segments.get(i).get("id").asLong();
            for (int j = i - 1; j >= 0; j--) {
                if (segments.get(j).get("id").asLong() == id && segments.get(j).get("origin").asText().equals(origin)) {
                    return true;
                }
            }
            return false;
        }
        return earlierInStepFrom(segments, i, origin);
    }

    /** Whether a frame before {@code i} in the same trace step was sent by {@code origin}. */
    private static boolean earlierInStepFrom(JsonNode segments, int i, String origin) {
        int step = segments.get(i).get("step").asInt();
        for (int j = i - 1; j >= 0 && segments.get(j).get("step").asInt() == step; j--) {
            if (segments.get(j).get("origin").asText().equals(origin)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
