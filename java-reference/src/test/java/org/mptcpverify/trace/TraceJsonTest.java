package org.mptcpverify.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.trace.TraceJson.CounterexampleFile;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

class TraceJsonTest {
    static final String EXAMPLE = """
            {
              "format": "mptcp-verify-counterexample/1",
              "engine": "traces",
              "scheme": "rfc8684",
              "attack": "eavesdrop-handshake",
              "property": "JoinAuthenticity",
              "seed": 20261127,
              "keyedSide": null,
              "attackerHasKey": false,
              "actions": [
                {"action": "Connect", "client": "c1"},
                {"action": "ForgeJoin", "client": "c1"}
              ],
              "tries": 3,
              "segments": ["4500"]
            }
            """;

    @Test
    void readsTheDocumentedExampleIgnoringEngineFields() throws Exception {
        CounterexampleFile f = TraceJson.parse(EXAMPLE);
        assertEquals(SchemeId.RFC8684, f.scheme());
        assertEquals(AttackId.EAVESDROP_HANDSHAKE, f.attack());
        assertEquals(PropertyId.JOIN_AUTHENTICITY, f.property());
        assertEquals(20261127L, f.seed());
        assertEquals(List.of(new TraceAction.Connect("c1"), new TraceAction.ForgeJoin("c1")), f.actions());
    }

    @Test
    void roundTripsThroughAFileWrittenAtomically(@TempDir Path dir) throws Exception {
        CounterexampleFile f = new CounterexampleFile("tlc", SchemeId.DRAFT_BAERTS_LOW_ORDER, AttackId.JOIN_DOS,
                PropertyId.JOIN_STATE_UNFORGEABLE, -5, null, true,
                List.of(new TraceAction.Connect("c1"), new TraceAction.SpoofJoinSyn("c1", "replay", "spoof2")));
        Path p = dir.resolve("draft-baerts/low-order/join-dos/tlc.json");
        TraceJson.writeFile(p, f, Map.of("states", 12));
        assertEquals(f, TraceJson.read(p));
        String text = Files.readString(p);
        assertTrue(text.indexOf("\"actions\"") < text.indexOf("\"states\""), "engine fields follow actions");
        assertEquals(text, TraceJson.write(f, Map.of("states", 12)), "same bytes for the same input");
    }

    static String mutate(String from, String to) {
        assertTrue(EXAMPLE.contains(from), from);
        return EXAMPLE.replace(from, to);
    }

    static String error(String json) {
        return assertThrows(BadTraceFileException.class, () -> TraceJson.parse(json)).getMessage();
    }

    @Test
    void badFilesSayWhatIsWrong() {
        assertTrue(error("{").startsWith("not JSON"));
        assertTrue(error("[]").contains("not a JSON object"));
        assertTrue(error(mutate("counterexample/1", "counterexample/2")).contains("format"));
        assertTrue(error(mutate("\"rfc8684\"", "\"rfc9999\"")).contains("unknown scheme 'rfc9999'"));
        assertTrue(error(mutate("\"eavesdrop-handshake\"", "\"nope\"")).contains("unknown attack"));
        assertTrue(error(mutate("\"JoinAuthenticity\"", "\"KeyIsolation\"")).contains("not checked by"));
        assertTrue(error(mutate("20261127", "\"x\"")).contains("seed"));
        assertTrue(error(mutate("\"keyedSide\": null", "\"keyedSide\": \"client\"")).contains("keyedSide"));
        assertTrue(error(mutate("\"attackerHasKey\": false", "\"attackerHasKey\": 0")).contains("attackerHasKey"));
        assertTrue(error(mutate("\"ForgeJoin\"", "\"Teleport\"")).contains("actions[1]: unknown action 'Teleport'"));
        assertTrue(error(mutate("\"ForgeJoin\", \"client\": \"c1\"", "\"ForgeJoin\", \"client\": \"c3\""))
                .contains("unknown client"));
        assertTrue(error(mutate("\"ForgeJoin\", \"client\": \"c1\"", "\"ForgeJoin\", \"client\": \"c1\", \"mode\": \"forge\""))
                .contains("has no parameter \"mode\""));
        assertTrue(error(mutate("{\"action\": \"ForgeJoin\", \"client\": \"c1\"}",
                "{\"action\": \"SpoofJoinSyn\", \"client\": \"c1\", \"mode\": \"forge\", \"src\": \"mars\"}"))
                .contains("unknown source address 'mars'"));
    }

    /** Issue #16.7: replay accepted trailing garbage, two objects, foreign actions and any length. */
    @Test
    void onlyOneObjectWithinTheAttacksProfileAndLimits(@TempDir Path dir) throws Exception {
        assertTrue(error(EXAMPLE + "garbage").startsWith("not JSON"), "trailing garbage");
        assertTrue(error(EXAMPLE + EXAMPLE).startsWith("not JSON"), "two objects");
        assertTrue(error(mutate("\"engine\": \"traces\",", "\"engine\": \"traces\", \"engine\": \"tlc\","))
                .startsWith("not JSON"), "a key twice");
        assertTrue(error(mutate("\"ForgeJoin\"", "\"ForgeFastClose\"")).contains(
                "actions[1]: ForgeFastClose by c1 is not an action of eavesdrop-handshake"));
        assertTrue(error(mutate("\"ForgeJoin\", \"client\": \"c1\"", "\"ForgeJoin\", \"client\": \"c2\""))
                .contains("not an action of"), "c2 only in two-keys-one-host");
        String many = "{\"action\": \"Join\", \"client\": \"c1\"},".repeat(TraceJson.MAX_ACTIONS);
        assertTrue(error(mutate("{\"action\": \"Connect\", \"client\": \"c1\"},", many)).contains("more than " + TraceJson.MAX_ACTIONS));
        Path big = dir.resolve("big.json");
        Files.writeString(big, EXAMPLE + " ".repeat((int) TraceJson.MAX_FILE_BYTES));
        assertTrue(assertThrows(BadTraceFileException.class, () -> TraceJson.read(big)).getMessage().contains("bytes, more than"));
        assertTrue(assertThrows(BadTraceFileException.class, () -> TraceJson.read(Path.of("/dev/zero"))).getMessage()
                .contains("not a regular file"));
        assertEquals(2, TraceJson.parse(EXAMPLE + "\n  \n").actions().size(), "trailing white space is fine");
    }

    @Test
    void oneSidedKeyNeedsItsSide() {
        String base = mutate("\"eavesdrop-handshake\"", "\"one-sided-key\"").replace("\"JoinAuthenticity\"", "\"CleanFallback\"")
                .replace("\"rfc8684\"", "\"bound-key\"").replace("ForgeJoin", "Join");
        assertTrue(error(base).contains("\"client\" or \"server\""));
        assertThrows(BadTraceFileException.class, () -> TraceJson.parse(base.replace("null", "\"both\"")));
    }
}
