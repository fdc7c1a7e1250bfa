package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.Bounds;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.engine.EngineOptions;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;
import org.mptcpverify.wire.Bytes;

/**
 * The insider profiles of the generic core (issue 13; MptcpCore.tla {@code InsiderProfiles},
 * docs/threat-model.md "Insiders"): the attacker is the population's client c2, reads its own
 * connection whole and holds its application's key. A violation must replay on the reference and
 * must need the insider's key where the scheme's join is keyed; the insider of another
 * application given the victim's key must break an external-key scheme (key control); the blind
 * insider (its own connection only) breaks a server that ignores the token and holds, with the
 * witness of its guessed join SYN, where the token names the connection.
 */
class CoreInsiderTest {
    static final List<PropertyId> JA = List.of(PropertyId.JOIN_AUTHENTICITY);

    static EngineOptions options(String name, Bounds bounds, boolean keyGiven) {
        Path out = CoreCellsTest.TARGET.resolve("insider").resolve(name);
        return new EngineOptions(CoreCellsTest.seed(), out.resolve("cx"), out.resolve("work"), Duration.ofSeconds(600), 0,
                keyGiven, bounds);
    }

    static SegmentTrace replayed(CellResult r) throws Exception {
        assertNotNull(r.counterexample(), r.toString());
        SegmentTrace t = SegmentTraceJson.read(r.counterexample());
        SegmentReplayer.Result replay = new SegmentReplayer().replay(t);
        assertTrue(replay.reproduced(), String.join("\n", replay.report()));
        return t;
    }

    @Test
    void aSameApplicationInsiderBreaksTheXorTokenWithItsOwnKey() throws Exception {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.THESIS_XOR, AttackId.INSIDER, JA,
                options("thesis-xor-insider", Bounds.NONE, false));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        SegmentTrace t = replayed(r);
        assertFalse(t.attackerHasKey());
        assertEquals(List.of("c1", "c2"), List.copyOf(t.clients().keySet()));
        // what it builds the join with is its own key, nothing it was given as a control
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i
                && i.fields().toString().contains("GivenKey[name=K1]")), t.events().toString());
        // the same events by an insider of application 2 (it holds K2, not the victim's K1): the
        // replayer refuses to let it build the join, or the join no longer succeeds
        Map<String, Bytes> keys = new TreeMap<>(t.keys());
        keys.put("K2", Bytes.fromHex("00".repeat(31) + "02"));
        SegmentTrace other = new SegmentTrace(t.engine(), t.scheme(), AttackId.INSIDER_OTHER_APP, t.property(), t.seed(),
                t.keyedSide(), false, t.clients(), keys, t.events());
        boolean refused;
        try {
            refused = !new SegmentReplayer().replay(other).reproduced();
        } catch (BadTraceFileException e) {
            refused = e.getMessage().contains("K1");
        }
        assertTrue(refused, "the violation did not need the insider's key K1");
    }

    /** Key control: the insider of application 2, given application 1's key, breaks the victim's join. */
    @Test
    void anotherApplicationsInsiderGivenTheVictimsKeyBreaksTheXorToken() throws Exception {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.THESIS_XOR, AttackId.INSIDER_OTHER_APP, JA,
                options("thesis-xor-insider-other-app-key", Bounds.NONE, true));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        SegmentTrace t = replayed(r);
        assertTrue(t.attackerHasKey());
        assertEquals(AttackId.INSIDER_OTHER_APP, t.attack());
    }

    @Test
    void aBlindInsiderJoinsTheNewestConnectionOfAServerThatIgnoresTheToken() throws Exception {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.BROKEN, AttackId.INSIDER_BLIND, JA,
                options("broken-insider-blind", Bounds.NONE, false));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.toString());
        // the replayer refuses a read its profile does not allow (the victim's segments here), so
        // the replay is the check that it used nothing of the victim's connection
        SegmentTrace t = replayed(r);
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("JOIN_SYN")
                && i.conn().equals("c1.1")), t.events().toString());
    }

    /**
     * Where the token names the connection the blind insider holds, and is not VACUOUS: its join
     * SYN with a token of its own reaches the server's lookup (GuessJoinSyn). No victim join and
     * one injection keep the state space small; the witness is the guessed SYN.
     */
    @Test
    void aBlindInsiderCannotNameTheVictimsConnectionButItsGuessIsChecked() {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.RFC8684, AttackId.INSIDER_BLIND,
                List.of(PropertyId.JOIN_AUTHENTICITY, PropertyId.JOIN_STATE_UNFORGEABLE),
                options("rfc8684-insider-blind", Bounds.parse("joins=0,injections=1"), false));
        assertEquals(Verdict.HOLDS, r.verdict(), r.toString());
        assertEquals(1, r.witness().get("attackerSegmentsChecked"), r.witness().toString());
        assertTrue(String.valueOf(r.witness().get("checkedSegment")).contains("JOIN_SYN"), r.witness().toString());
    }
}
