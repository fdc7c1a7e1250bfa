package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.definition.DefinitionException;
import org.mptcpverify.definition.DefinitionParser;
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
 * Generic-core violations replay, segment by segment, on the Java reference (issue 10, "Done
 * when"): TLC finds the violation, {@link CoreTraceExport} writes it as a segment-level
 * counterexample, and the reference's endpoints, with real bytes and crypto, must show the same
 * property violated. Each is then run again without what the attacker learned: with every value
 * it read replaced by a guess of its own, the attack must fail on the reference; without its
 * reads, the replayer must refuse the file (the attacker would use what it never saw).
 */
class CoreReplayTest {
    static final Path OUT = CoreCellsTest.TARGET.resolve("replay");

    static SegmentTrace violated(SchemeId scheme, AttackId attack, PropertyId property) throws Exception {
        return violated(CoreCell.of(scheme, attack, CoreBounds.standard(attack)).get(0), property);
    }

    static SegmentTrace violated(CoreCell cell, PropertyId property) throws Exception {
        CoreResult r = new CoreChecker(1).check(cell, List.of(property), OUT.resolve("work"), CoreCellsTest.seed(),
                Duration.ofSeconds(600));
        assertEquals(Verdict.VIOLATED, r.verdict(), cell + ": " + r);
        assertNotNull(r.counterexample(), cell + ": no counterexample exported: " + r.exportProblem());
        // written atomically, read back by the strict reader: the same trace, the same bytes
        Path file = OUT.resolve(cell.cfgFileName().replace(".cfg", ".json"));
        Files.createDirectories(file.getParent());
        assertTrue(r.writeCounterexample(file));
        SegmentTrace back = SegmentTraceJson.read(file);
        assertEquals(r.counterexample(), back);
        assertEquals(Files.readString(file), SegmentTraceJson.write(back));
        return back;
    }

    /** The replayer for {@code t}'s scheme: field names and widths from its definition (models/schemes). */
    static SegmentReplayer replayer(SegmentTrace t) {
        try {
            return new SegmentReplayer(DefinitionParser.parse(GeneratedSchemeDataTest.definition(t.scheme())));
        } catch (DefinitionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static SegmentReplayer.Result replay(SegmentTrace t) throws BadTraceFileException {
        SegmentReplayer.Result r = replayer(t).replay(t);
        System.out.println(String.join("\n", r.report()));
        return r;
    }

    static SegmentTrace withoutReads(SegmentTrace t) {
        return t.withEvents(t.events().stream().filter(e -> !(e instanceof SegmentEvent.Observe)).toList());
    }

    /** {@code t}, after asserting that some event of it is what {@code p} says ({@code missing}: else). */
    static SegmentTrace having(SegmentTrace t, java.util.function.Predicate<SegmentEvent> p, String missing) {
        assertTrue(t.events().stream().anyMatch(p), missing + ": " + t.events());
        return t;
    }

    /** Replays on the reference, then the two controls without the attacker's knowledge. */
    static void replaysAndNeedsTheKnowledge(SegmentTrace t) throws Exception {
        SegmentReplayer.Result r = replay(t);
        assertTrue(r.reproduced(), "not reproduced on the reference: " + r.report());
        assertTrue(t.usesReads(), "the attack uses no value the attacker read; this control needs one");
        SegmentReplayer.Result g = replay(t.withGuesses());
        assertFalse(g.reproduced(), "reproduced with guesses in place of what the attacker read: " + g.report());
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> replayer(t).replay(withoutReads(t)));
        assertTrue(e.getMessage().contains("has not read"), e.getMessage());
    }

    @Test
    void rfc8684EavesdropHandshake() throws Exception {
        replaysAndNeedsTheKnowledge(violated(SchemeId.RFC8684, AttackId.EAVESDROP_HANDSHAKE, PropertyId.JOIN_AUTHENTICITY));
    }

    /**
     * Issue 10, finding A (docs/properties.md, "Authentic means requested"): with one injection the
     * eavesdropper of the whole connection completes the client's join with a third ACK it builds
     * from the keys it read, while the server's SYN/ACK is still on its way to the client. The core
     * counts that as a forged completion (the client had not sent its third ACK), and so, since the
     * monitor judges the same definition, does the reference: the trace replays (until then the
     * reference judged only the SYN's origin, and the cell was INCONCLUSIVE). Control: the same
     * third ACK delivered only after the client has answered the SYN/ACK with its own is no
     * forgery, and the reference must not judge it one.
     */
    @Test
    void rfc8684EavesdropAllOneInjectionForgesTheThirdAck() throws Exception {
        CoreCell cell = CoreCell.of(SchemeId.RFC8684, AttackId.EAVESDROP_ALL, new CoreBounds(1, 1, 1, 1, 1, 0, false, false)).get(0);
        SegmentTrace t = violated(cell, PropertyId.JOIN_AUTHENTICITY);
        List<SegmentEvent> ev = t.events();
        int ack = ev.indexOf(ev.stream().filter(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("JOIN_ACK"))
                .findFirst().orElseThrow(() -> new AssertionError("no forged third ACK: " + ev)));
        int synAck = -1;
        for (SegmentEvent e : ev) {
            if (e instanceof SegmentEvent.Deliver d && d.replyMsg().equals("JOIN_SYNACK")) {
                synAck = d.reply();
            }
        }
        final int sa = synAck;
        assertTrue(sa > 0, "the server answered no join SYN: " + ev);
        assertTrue(ev.stream().noneMatch(e -> e instanceof SegmentEvent.Deliver d && d.seg() == sa),
                "the SYN/ACK reached the client before the forged third ACK: " + ev);
        replaysAndNeedsTheKnowledge(t);

        List<SegmentEvent> later = new java.util.ArrayList<>(ev);
        int next = ev.stream().mapToInt(e -> e instanceof SegmentEvent.Inject i ? i.seg()
                : e instanceof SegmentEvent.Send s ? s.seg() : e instanceof SegmentEvent.Deliver d ? d.reply() : 0).max().orElseThrow() + 1;
        later.add(ack, new SegmentEvent.Deliver(sa, next, "JOIN_ACK"));
        SegmentReplayer.Result r = replay(t.withEvents(later));
        assertTrue(r.divergence().isEmpty(), "the reference's client did not answer the SYN/ACK: " + r.report());
        assertFalse(r.reproduced(), "the client had sent its own third ACK: " + r.report());
    }

    /**
     * The forged MP_FASTCLOSE replays; the same segment injected once the client has sent its own
     * MP_FASTCLOSE (still in flight, so the attacker's arrives first) is a copy of the client's
     * request, not a forgery (docs/properties.md, "Authentic means requested"): the reference must
     * not judge it violated, whoever built the segment the server accepted.
     */
    @Test
    void rfc8684FastcloseForge() throws Exception {
        SegmentTrace t = violated(SchemeId.RFC8684, AttackId.FASTCLOSE_FORGE, PropertyId.CLOSE_AUTHENTICITY);
        replaysAndNeedsTheKnowledge(t);
        List<SegmentEvent> ev = new java.util.ArrayList<>(t.events());
        int forged = ev.indexOf(ev.stream().filter(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("FASTCLOSE"))
                .findFirst().orElseThrow());
        String conn = ((SegmentEvent.Inject) ev.get(forged)).conn();
        int own = ev.stream().mapToInt(e -> e instanceof SegmentEvent.Inject i ? i.seg()
                : e instanceof SegmentEvent.Send s ? s.seg() : e instanceof SegmentEvent.Deliver d ? d.reply() : 0).max().orElseThrow() + 1;
        ev.add(forged, new SegmentEvent.Send(own, conn, "FASTCLOSE", "s.a1"));
        SegmentReplayer.Result r = replay(t.withEvents(ev));
        assertTrue(r.divergence().isEmpty(), "the reference's client sent no MP_FASTCLOSE: " + r.report());
        assertFalse(r.reproduced(), "c1 had asked to close: " + r.report());
    }

    /**
     * A forged ADD_ADDR: the attacker computes the ADD_ADDR HMAC from the keys it saw in the
     * handshake, over its own address, an id of its own (8 bits) and the absent port (16 zero
     * bits), as the definition's widths say; the reference's end accepts the address. (Since
     * session 19 TLC's shortest trace is the forgery towards the server, ADD_ADDR_A, keyed by the
     * same clear keys in the other order; towards the client it was ADD_ADDR: either is the attack.)
     */
    @Test
    void rfc8684AddAddrMitm() throws Exception {
        SegmentTrace t = having(violated(SchemeId.RFC8684, AttackId.ADD_ADDR_MITM, PropertyId.ADDR_AUTHENTICITY),
                e -> e instanceof SegmentEvent.Inject i && i.msg().startsWith("ADD_ADDR"), "no forged ADD_ADDR");
        replaysAndNeedsTheKnowledge(t);
        // the widths matter: with every number 32 bits wide (the export before the definition's
        // widths were followed) the HMAC covers other octets and the client rejects the address
        SegmentTrace wide = t.withEvents(t.events().stream().map(e -> e instanceof SegmentEvent.Inject i
                ? new SegmentEvent.Inject(i.seg(), i.msg(), i.conn(), i.subflow(), i.src(), i.dst(),
                        new java.util.TreeMap<>(i.fields().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, f -> widened(f.getValue())))))
                : e).toList());
        assertTrue(wide.toString().contains("bits=32") && !wide.equals(t), "no number to widen: " + t.events());
        assertFalse(replay(wide).reproduced(), "reproduced with 32-bit numbers in the HMAC message");
    }

    static SegmentTerm widened(SegmentTerm x) {
        if (x instanceof SegmentTerm.Num n) {
            return new SegmentTerm.Num(n.value(), 32);
        }
        return x instanceof SegmentTerm.Apply a
                ? new SegmentTerm.Apply(a.op(), a.bits(), a.args().stream().map(CoreReplayTest::widened).toList())
                : x;
    }

    /**
     * draft-baerts/low-order: A's MP_FASTCLOSE value is A's NEW_KEY value (same HMAC, same
     * truncation). The eavesdropper reads the NEW_KEY and, once the keys are agreed (before that
     * the server authenticates no MP_FASTCLOSE, the draft: "reset ... by sending a TCP RST"),
     * sends it as an MP_FASTCLOSE; the reference's server closes the connection.
     */
    @Test
    void draftBaertsLowOrderFastcloseForge() throws Exception {
        SegmentTrace t = violated(SchemeId.DRAFT_BAERTS_LOW_ORDER, AttackId.FASTCLOSE_FORGE, PropertyId.CLOSE_AUTHENTICITY);
        List<SegmentEvent> ev = t.events();
        int keyB = ev.indexOf(ev.stream().filter(e -> e instanceof SegmentEvent.Send s && s.msg().equals("KEY_B")).findFirst().orElseThrow());
        int forged = ev.indexOf(ev.stream().filter(e -> e instanceof SegmentEvent.Inject i && i.msg().equals("FASTCLOSE")).findFirst().orElseThrow());
        assertTrue(keyB < forged, "the server sent no NEW_KEY before the forged MP_FASTCLOSE: " + ev);
        replaysAndNeedsTheKnowledge(t);
    }

    /**
     * ExternalKeySecrecy on the reference: thesis-xor's join SYN carries Token-B XOR K; the
     * eavesdropper read Key-B in the handshake, so the trace ends with its derivation of K (the
     * token field XOR token(Key-B), a cancellation), which the replayer evaluates on the real
     * bytes: it is the application's effective key. With guesses it is not.
     */
    @Test
    void thesisXorEavesdropAllLearnsTheKeyOnTheReference() throws Exception {
        SegmentTrace t = violated(SchemeId.THESIS_XOR, AttackId.EAVESDROP_ALL, PropertyId.EXTERNAL_KEY_SECRECY);
        assertTrue(t.events().get(t.events().size() - 1) instanceof SegmentEvent.Derive d
                && d.value() instanceof SegmentTerm.Apply a && a.op().equals("xor"), "no derivation by XOR: " + t.events());
        replaysAndNeedsTheKnowledge(t);
    }

    /**
     * The on-path rewrite needs no value the attacker derives: its knowledge is the captured
     * SYN/ACK it relays. Without reading it, the relay is refused; without the rewrite of the
     * third ACK, the subflow's remote address stays the client's.
     */
    @Test
    void rfc8684SynJoinRewrite() throws Exception {
        SegmentTrace t = violated(SchemeId.RFC8684, AttackId.SYN_JOIN_REWRITE, PropertyId.SUBFLOW_ENDPOINT_AUTHENTICITY);
        assertTrue(replay(t).reproduced());
        assertTrue(t.events().stream().anyMatch(SegmentEvent.Replay.class::isInstance), "no relayed segment: " + t.events());
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> replayer(t).replay(withoutReads(t)));
        assertTrue(e.getMessage().contains("has not read"), e.getMessage());
    }

    /**
     * broken's server attaches any join SYN to its most recent connection: the attacker needs no
     * knowledge at all (all its fields are its own), and the half-open state appears on the reference too.
     */
    @Test
    void brokenJoinDos() throws Exception {
        SegmentTrace t = violated(SchemeId.BROKEN, AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE);
        assertFalse(t.usesReads(), "broken's join SYN should need no read value: " + t.events());
        assertTrue(replay(t).reproduced());
        // the same trace on rfc8684, whose server looks the token up, fails on the reference
        SegmentTrace onRfc = new SegmentTrace(t.engine(), SchemeId.RFC8684, t.attack(), t.property(), t.seed(),
                t.keyedSide(), t.attackerHasKey(), t.clients(), Map.of(), t.events());
        assertFalse(replay(onRfc).reproduced());
    }

    /**
     * The generic core's finding (docs/models.md, "Finding: bound-key / join-dos"): a copy of the
     * client's join SYN, sent from a spoofed address with the ticket it carries, overtakes it and
     * spends the single-use ticket. On the reference too: the server creates the half-open join
     * for the spoofed source, and the client's own SYN then finds no unused ticket. The committed
     * copy of this trace is replayed by java-reference's BoundKeyJoinDosRegressionTest.
     */
    @Test
    void boundKeyJoinDosIsAFindingOnTheReference() throws Exception {
        SegmentTrace t = violated(SchemeId.BOUND_KEY, AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE);
        replaysAndNeedsTheKnowledge(t);
    }

    /**
     * The threat model's second negative control, replayed: given K, the attacker computes
     * bound-key's connection key, a ticket and the third-ACK HMAC itself (labels, the 4-byte join
     * index and HMAC-SHA-256 evaluated on the reference's bytes), and joins; with a guess in place
     * of K it does not.
     */
    @Test
    void boundKeyFallsToAnAttackerGivenTheKeyOnTheReferenceToo() throws Exception {
        CoreCell cell = new CoreCell(SchemeId.BOUND_KEY, AttackId.EAVESDROP_HANDSHAKE, "both", true,
                CoreBounds.standard(AttackId.EAVESDROP_HANDSHAKE));
        replaysAndNeedsTheKnowledge(violated(cell, PropertyId.JOIN_AUTHENTICITY));
    }

    /**
     * draft-baerts: the key agreement (NEW_KEY, the model's KEY_A and KEY_B steps) runs before any
     * join; the attacker reads the clear-text token of the client's join SYN and creates half-open
     * state with it, on the reference too.
     */
    @Test
    void draftBaertsJoinDosWithItsKeyAgreement() throws Exception {
        replaysAndNeedsTheKnowledge(having(violated(SchemeId.DRAFT_BAERTS, AttackId.JOIN_DOS, PropertyId.JOIN_STATE_UNFORGEABLE),
                e -> e instanceof SegmentEvent.Send s && s.msg().startsWith("KEY_"), "no key agreement in the trace"));
    }

    /**
     * Every violated cell of the covered schemes (the first violation of each), exported and
     * replayed: each must reproduce on the reference. Minutes of TLC on two cores, so only on request:
     * {@code -Dmptcp.core.replayAll=true}, or {@code -Dmptcp.core.replayCells="scheme x attack;..."}.
     */
    @Test
    void everyViolatedCoveredCellReplays() throws Exception {
        String only = System.getProperty("mptcp.core.replayCells", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("mptcp.core.replayAll") || !only.isEmpty(),
                "survey of every covered cell: run with -Dmptcp.core.replayAll=true (minutes of TLC), or "
                        + "-Dmptcp.core.replayCells=\"scheme x attack;...\" for some");
        List<String> problems = new java.util.ArrayList<>();
        for (CoreCell cell : CoreCellsTest.allCells()) {
            String name = cell.scheme().wireName() + " x " + cell.attack().wireName();
            if (!only.isEmpty() && !List.of(only.split(";")).contains(name)) {
                continue;
            }
            if (cell.attack() == AttackId.TWO_KEYS_ONE_HOST || cell.scheme() == SchemeId.DRAFT_BAERTS
                    && List.of(AttackId.EAVESDROP_ALL, AttackId.FASTCLOSE_FORGE).contains(cell.attack())) {
                continue;   // HOLDS with 10^5 states, minutes of TLC (docs/models-history.md, "Cells decided on 1 December 2026")
            }
            CoreResult r = new CoreChecker(1).check(cell, cell.attack().tlaCoreProperties(cell.scheme()),
                    OUT.resolve("all"), CoreCellsTest.seed(), Duration.ofSeconds(300));
            if (r.verdict() != Verdict.VIOLATED) {
                System.out.println("[replay] " + cell + ": " + r.verdict());
                continue;
            }
            String outcome;
            if (r.counterexample() == null) {
                outcome = "not exported: " + r.exportProblem();
            } else {
                try {
                    SegmentReplayer.Result x = replayer(r.counterexample()).replay(r.counterexample());
                    outcome = x.reproduced() ? "reproduced" : "NOT reproduced" + x.divergence().map(d -> ": " + d).orElse("");
                    if (!x.reproduced()) {
                        System.out.println(String.join("\n", x.report()));
                    }
                } catch (BadTraceFileException e) {
                    outcome = "refused: " + e.getMessage();
                }
            }
            System.out.println("[replay] " + cell + ": " + r.violated() + " -> " + outcome);
            if (!outcome.equals("reproduced")) {
                problems.add(cell + ": " + outcome);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
