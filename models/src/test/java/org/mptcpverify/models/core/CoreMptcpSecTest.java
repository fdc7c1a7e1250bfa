package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.engine.CellResult;
import org.mptcpverify.scheme.MptcpSec;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTerm;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * mptcpsec (our tcpcrypt reading of MPTCPsec) in the generic TLA+ core, session 9: its data is
 * generated like every row's (the key-agreement rows may not drop out of the staleness check), a
 * violation TLC finds replays on the hand-written reference {@link MptcpSec} with real X25519 and
 * HKDF-SHA256, and the key control (the attacker given the ends' private values) breaks a cell
 * that holds without it, by rebuilding tcpcrypt's whole key schedule.
 */
class CoreMptcpSecTest {
    /** The hand-written reference of the row, not the definition-driven one. */
    private static SegmentReplayer.Result onMptcpSec(SegmentTrace t) throws BadTraceFileException {
        SegmentReplayer.Result r = new SegmentReplayer(s -> s.equals(SchemeId.MPTCPSEC) ? new MptcpSec()
                : org.mptcpverify.scheme.Schemes.of(s)).replay(t);
        System.out.println(String.join("\n", r.report()));
        return r;
    }

    /** Whether {@code t} uses a value the attacker was given (a key, or an end's private value {@code conn/a|b}). */
    private static boolean given(SegmentTerm t, String name) {
        return t instanceof SegmentTerm.GivenKey g ? g.name().equals(name)
                : t instanceof SegmentTerm.Apply a && a.args().stream().anyMatch(x -> given(x, name));
    }

    @Test
    void everyKeyAgreeingRowIsGeneratedForTheCore() throws Exception {
        for (SchemeId s : SchemeId.values()) {
            if (s.agreesKey()) {
                assertTrue(SchemeId.tlaCoreSchemes().contains(s), s + " is not in the TLA+ core's staleness check");
            }
        }
        // the generated module is the row's definition: tokens in the handshake, shares in KEY_A/KEY_B
        String m = Files.readString(GeneratedSchemeDataTest.CORE.resolve("schemes").resolve("Scheme_mptcpsec.tla"));
        assertTrue(m.contains("KEY_A |-> Msg(") && m.contains("KEY_B |-> Msg(") && m.contains("name |-> \"mptcpsec\""), m);
    }

    /**
     * handshake-mitm: the attacker answers the client's key share with its own; the server's keys
     * are then tcpcrypt's schedule over dh(b, pub(z)), which the attacker computes, and its join
     * completes. On MptcpSec (real X25519, HKDF-SHA256) the join is established; with guesses in
     * place of what it read, it is not; without its reads the replayer refuses the file.
     */
    @Test
    void handshakeMitmReplaysOnTheReference() throws Exception {
        SegmentTrace t = CoreReplayTest.violated(SchemeId.MPTCPSEC, AttackId.HANDSHAKE_MITM, PropertyId.JOIN_AUTHENTICITY);
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().startsWith("KEY_")),
                "a key share answered with the attacker's own: " + t.events());
        assertTrue(onMptcpSec(t).reproduced(), "tlc's mptcpsec / handshake-mitm counterexample does not replay");
        assertTrue(CoreReplayTest.replay(t).reproduced(), "nor on the definition-driven reference");
        assertFalse(onMptcpSec(t.withGuesses()).reproduced(), "reproduced with guesses for what the attacker read");
        BadTraceFileException e = assertThrows(BadTraceFileException.class,
                () -> onMptcpSec(CoreReplayTest.withoutReads(t)));
        // the first value it never read is the key share it answers (an answer replaces a segment it read)
        assertTrue(e.getMessage().contains("read"), e.getMessage());
    }

    /**
     * The key control: add-addr-mitm holds for mptcpsec (the ADD_ADDR tag is keyed by k_ba), and is
     * violated once the attacker is given the private values: its tag is tcpcrypt's schedule built
     * from a given value and the read shares and tokens, and it replays on MptcpSec. The same file
     * without the key given is refused (the attacker would use a value it was never given).
     */
    @Test
    void theAttackerGivenThePrivateValuesForgesTheAddAddrTag() throws Exception {
        CellResult r = new CoreEngine(1).checkProperties(SchemeId.MPTCPSEC, AttackId.ADD_ADDR_MITM,
                List.of(PropertyId.ADDR_AUTHENTICITY), CoreKeyControlTest.keyGiven("mptcpsec-add-addr-mitm"));
        assertEquals(Verdict.VIOLATED, r.verdict(), r.reason() + " " + r.bounds());
        assertNotNull(r.counterexample());
        SegmentTrace t = SegmentTraceJson.read(r.counterexample());
        assertTrue(t.attackerHasKey());
        // (towards the client, ADD_ADDR, or since session 19 towards the server, ADD_ADDR_A: both tagged)
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && i.msg().startsWith("ADD_ADDR")
                && (given(i.fields().get("hmac"), "c1.1/a") || given(i.fields().get("hmac"), "c1.1/b"))),
                "the tag is built from a given private value: " + t.events());
        assertTrue(onMptcpSec(t).reproduced(), "the key control's counterexample does not replay");
        SegmentTrace notGiven = new SegmentTrace(t.engine(), t.scheme(), t.attack(), t.property(), t.seed(),
                t.keyedSide(), false, t.clients(), t.keys(), t.events());
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> onMptcpSec(notGiven));
        assertTrue(e.getMessage().contains("private value"), e.getMessage());
    }

    /**
     * REMOVE_ADDR and MP_PRIO: MPTCPsec tags them (our reading, docs/schemes.md "Authenticated
     * REMOVE_ADDR and MP_PRIO"), and since session 10 the core's data form carries the tag: the
     * engine decides these cells with TLC (no "not modelled" guard any more), and given the
     * endpoints' private values the attacker builds the tag, so the cell is VIOLATED with a
     * counterexample the engine replayed on the reference (it says INCONCLUSIVE otherwise).
     */
    private static org.mptcpverify.engine.EngineOptions keyed(String name) {
        return new org.mptcpverify.engine.EngineOptions(CoreCellsTest.seed(), CoreKeyControlTest.OUT.resolve(name).resolve("cx"),
                CoreKeyControlTest.OUT.resolve(name).resolve("work"), CoreKeyControlTest.TIMEOUT, 0, true);
    }

    @Test
    void pathManagerTagsFallToTheAttackerGivenThePrivateValues() {
        for (AttackId a : List.of(AttackId.REMOVE_ADDR_FORGE, AttackId.MP_PRIO_FORGE)) {
            CellResult r = new CoreEngine(1).check(SchemeId.MPTCPSEC, a, keyed("pm-mptcpsec-" + a.wireName()));
            assertEquals(Verdict.VIOLATED, r.verdict(), a + ": " + r.reason());
            assertTrue(((Number) r.bounds().get("distinctStates")).longValue() > 0, "TLC ran: " + r.bounds());
        }
    }
}
