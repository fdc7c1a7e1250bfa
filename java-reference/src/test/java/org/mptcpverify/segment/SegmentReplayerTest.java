package org.mptcpverify.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.endpoint.HalfOpenJoin;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;

/**
 * The replayer on committed generic-core counterexamples (exported by models' CoreTraceExport;
 * CoreReplayTest re-derives them from TLC). The bound-key / join-dos trace is the generic core's
 * finding, kept as a regression test: the reference must keep showing it until bound-key changes.
 */
class SegmentReplayerTest {
    static SegmentTrace trace(String name) throws BadTraceFileException {
        return SegmentTraceJson.parse(SegmentTraceJsonTest.fixture(name));
    }

    static List<SegmentEvent> without(SegmentTrace t, Class<? extends SegmentEvent> kind) {
        return t.events().stream().filter(e -> !kind.isInstance(e)).toList();
    }

    @Test
    void eavesdroppedKeysJoinOnTheReferenceAndGuessesDoNot() throws Exception {
        SegmentTrace t = trace("rfc8684_eavesdrop-handshake");
        SegmentReplayer.Result r = new SegmentReplayer().replay(t);
        assertTrue(r.reproduced(), String.join("\n", r.report()));
        assertEquals(PropertyId.JOIN_AUTHENTICITY, r.violation().orElseThrow().property());
        SegmentReplayer.Result g = new SegmentReplayer().replay(t.withGuesses());
        assertFalse(g.reproduced(), String.join("\n", g.report()));
        // same file, same bytes: the report (with every injected value) is identical on a second run
        assertEquals(r.report(), new SegmentReplayer().replay(t).report());
    }

    @Test
    void aTermOverASegmentTheAttackerNeverReadIsRefused() throws Exception {
        SegmentTrace t = trace("rfc8684_eavesdrop-handshake");
        BadTraceFileException e = assertThrows(BadTraceFileException.class,
                () -> new SegmentReplayer().replay(t.withEvents(without(t, SegmentEvent.Observe.class))));
        assertTrue(e.getMessage().contains("cannot derive") && e.getMessage().contains("has not read"), e.getMessage());
    }

    /**
     * The Alloy core's rfc6824 / fastclose-forge instance (exported by AlloyCoreTraceExport): besides
     * the forged MP_FASTCLOSE with the server's key read in the MP_CAPABLE SYN/ACK, the attacker
     * replays the model's plain ACK of the third ACK, which the reference never sends. The copy has
     * no bytes either; the forgery still reproduces. Without the read of that ACK the copy is refused.
     */
    @Test
    void aReplayedPlainAckOfTheModelIsACopyWithoutBytes() throws Exception {
        SegmentTrace t = trace("rfc6824_fastclose-forge");
        SegmentReplayer.Result r = new SegmentReplayer().replay(t);
        assertTrue(r.reproduced(), String.join("\n", r.report()));
        assertEquals(PropertyId.CLOSE_AUTHENTICITY, r.violation().orElseThrow().property());
        assertTrue(r.report().stream().anyMatch(l -> l.contains("x replays #4 HS_ACK as #5")), String.join("\n", r.report()));
        List<SegmentEvent> unread = t.events().stream()
                .filter(e -> !(e instanceof SegmentEvent.Observe o && o.seg() == 4)).toList();
        BadTraceFileException e = assertThrows(BadTraceFileException.class,
                () -> new SegmentReplayer().replay(t.withEvents(unread)));
        assertTrue(e.getMessage().contains("x replays #4, which it has not read"), e.getMessage());
    }

    /** An eavesdropper on p1 during the handshake does not see the join SYN on p2. */
    @Test
    void aReadOutsideTheProfileIsRefused() throws Exception {
        SegmentTrace t = trace("bound-key_join-dos");
        SegmentTrace handshakeOnly = new SegmentTrace(t.engine(), t.scheme(), AttackId.EAVESDROP_HANDSHAKE,
                PropertyId.JOIN_AUTHENTICITY, t.seed(), t.keyedSide(), t.attackerHasKey(), t.clients(), t.keys(), t.events());
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> new SegmentReplayer().replay(handshakeOnly));
        assertTrue(e.getMessage().contains("does not see #5"), e.getMessage());
    }

    /**
     * Finding (docs/models.md, "Finding: bound-key / join-dos"): a copy of the client's join SYN
     * from a spoofed source overtakes it; the server spends the ticket on the copy, and the
     * client's own SYN, delivered afterwards, finds no unused ticket.
     */
    @Test
    void boundKeyJoinDosRegression() throws Exception {
        SegmentTrace t = trace("bound-key_join-dos");
        SegmentReplayer.Result r = new SegmentReplayer().replay(t);
        assertTrue(r.reproduced(), String.join("\n", r.report()));
        assertEquals(PropertyId.JOIN_STATE_UNFORGEABLE, r.violation().orElseThrow().property());
        List<SegmentEvent> more = new ArrayList<>(t.events());
        more.add(new SegmentEvent.Deliver(5, 0, ""));   // the client's own SYN arrives last
        SegmentReplayer.Result after = new SegmentReplayer().replay(t.withEvents(more));
        List<HalfOpenJoin> halfOpen = List.copyOf(after.hosts().get("s").halfOpen().values());
        assertEquals(1, halfOpen.size(), String.join("\n", after.report()));
        assertEquals("spoof1", Addresses.nameOf(halfOpen.get(0).tuple().remoteAddr()));
        assertTrue(after.hosts().get("s").subflows().values().stream()
                .noneMatch(s -> Addresses.nameOf(s.tuple().remoteAddr()).equals("c1.a2")), String.join("\n", after.report()));
        // without the ticket it read, the copy matches nothing
        assertFalse(new SegmentReplayer().replay(t.withGuesses()).reproduced());
    }

    static org.mptcpverify.definition.SchemeDefinition definition(String name, java.util.function.UnaryOperator<String> edit)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("..", "models", "schemes", name + ".scheme");
        return org.mptcpverify.definition.DefinitionParser.parse(file.toString(), edit.apply(java.nio.file.Files.readString(file)));
    }

    /**
     * Given a scheme's definition, the replayer reads and injects only the fields that
     * definition's messages state, by its names: the rfc8684 trace (which reads the third ACK's
     * sender-key) replays with rfc8684's definition, is refused by a definition whose third ACK
     * does not carry that field, and is refused as a trace of another scheme.
     */
    @Test
    void fieldNamesAndWidthsComeFromTheSchemeDefinition() throws Exception {
        SegmentTrace t = trace("rfc8684_eavesdrop-handshake");
        assertTrue(new SegmentReplayer(definition("rfc8684", x -> x)).replay(t).reproduced());
        // the third ACK without keys (a receiver key alone is no MP_CAPABLE layout: the parser refuses it)
        String ackKey = "  field sender-key = Ka\n  field receiver-key = Kb\n  check receiver-key == Kb else tcp\n";
        SegmentReplayer withoutAckKey = new SegmentReplayer(definition("rfc8684", x -> {
            assertTrue(x.contains(ackKey), "rfc8684.scheme changed: " + ackKey);
            return x.replace(ackKey, "").replace("  store Ka := sender-key\n", "");
        }));
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> withoutAckKey.replay(t));
        assertTrue(e.getMessage().contains("carries no field sender_key"), e.getMessage());
        BadTraceFileException other = assertThrows(BadTraceFileException.class,
                () -> new SegmentReplayer(definition("bound-key", x -> x)).replay(t));
        assertTrue(other.getMessage().contains("definition of bound-key"), other.getMessage());
    }

    /**
     * The reference's client joins an advertised address at once; the model's client joins it in
     * a step of its own. Bound as the answer to a version-0 ADD_ADDR, that join escaped the honest
     * client's join count, and the generic explorer's honest client exceeded the half-open limit
     * (the unexplained LegitJoinSucceeds violations of rfc6824 / legit-join and the like).
     */
    @Test
    void aJoinSynIsNeverTheAnswerToAnAdvertisement() throws Exception {
        SegmentTrace header = new SegmentTrace("test", org.mptcpverify.vocab.SchemeId.RFC6824, AttackId.LEGIT_JOIN,
                PropertyId.LEGIT_JOIN_SUCCEEDS, 7L, "both", false, java.util.Map.of("c1", List.of("c1.1")),
                java.util.Map.of(), List.of());
        SegmentReplayer.Session s = new SegmentReplayer.Session(header);
        s.step(new SegmentEvent.Send(1, "c1.1", "MPC_SYN", "s.a1"));
        s.step(new SegmentEvent.Deliver(1, 2, SegmentReplayer.Session.ANY_REPLY));
        s.step(new SegmentEvent.Deliver(2, 3, SegmentReplayer.Session.ANY_REPLY));
        s.step(new SegmentEvent.Deliver(3, 4, SegmentReplayer.Session.ANY_REPLY));
        s.step(new SegmentEvent.Send(5, "c1.1", "ADD_ADDR", "c1.a1"));
        SegmentEvent answered = s.step(new SegmentEvent.Deliver(5, 6, SegmentReplayer.Session.ANY_REPLY));
        assertEquals(new SegmentEvent.Deliver(5, 0, ""), answered, String.join("\n", s.steps()));
        assertTrue(s.inFlight().isEmpty(), String.join("\n", s.steps()));
        // the model's client then joins the advertised address itself, and the join completes
        s.step(new SegmentEvent.Send(7, "c1.1", "JOIN_SYN", "s.a2"));
        for (int seg = 7; !s.inFlight().isEmpty(); seg++) {
            s.step(new SegmentEvent.Deliver(s.inFlight().get(0).id(), 100 + seg, SegmentReplayer.Session.ANY_REPLY));
        }
        s.finish();
        assertTrue(s.violation().isEmpty() && s.divergence().isEmpty(), String.join("\n", s.steps()));
    }
}
