package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.segment.SegmentTraceJson;
import org.mptcpverify.segment.WireFields;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The handshake columns of issue 13 on the generic segment-level attacker: each violation is
 * replayed on a fresh reference and needs the attacker's handshake edits (without them the same
 * trace holds); each holding control has attacker segments that reached an honest end.
 */
class GenericHandshakeColumnsTest {
    static final long SEED = Long.getLong("mptcp.seed", 20261127L);
    static final int RUNS = 200;

    static GenericAttacker.Outcome check(SchemeId s, AttackId a) {
        return new GenericAttacker(SegmentExplorer.Limits.DEFAULT, RUNS).check(s, a, SEED, false);
    }

    /** The trace without its tamper events, every later reference to a tampered segment sent to the original. */
    static SegmentTrace untampered(SegmentTrace t) {
        Map<Integer, Integer> was = new java.util.HashMap<>();
        List<SegmentEvent> out = new java.util.ArrayList<>();
        for (SegmentEvent e : t.events()) {
            if (e instanceof SegmentEvent.Tamper tm) {
                was.put(tm.as(), was.getOrDefault(tm.seg(), tm.seg()));
            } else if (e instanceof SegmentEvent.Deliver d) {
                out.add(new SegmentEvent.Deliver(was.getOrDefault(d.seg(), d.seg()), d.reply(), d.replyMsg()));
            } else if (e instanceof SegmentEvent.Observe o) {
                if (!was.containsKey(o.seg())) {
                    out.add(o);
                }
            } else {
                out.add(e);
            }
        }
        return t.withEvents(out);
    }

    @Test
    void signalledSchemesThatFallBackAreDowngradedAndTheAttackNeedsTheEdit() throws Exception {
        for (SchemeId s : List.of(SchemeId.DRAFT_BAERTS, SchemeId.DRAFT_PAASCH)) {
            GenericAttacker.Outcome o = check(s, AttackId.HANDSHAKE_DOWNGRADE);
            assertEquals(Verdict.VIOLATED, o.verdict(), s + ": " + o.reason());
            assertEquals(PropertyId.DOWNGRADE_RESISTANCE, o.violated().orElseThrow());
            SegmentTrace t = o.counterexample().orElseThrow();
            assertTrue(t.events().stream().anyMatch(SegmentEvent.Tamper.class::isInstance), s + ": " + t.events());
            // the file round-trips and replays on a fresh reference
            SegmentTrace back = SegmentTraceJson.parse(SegmentTraceJson.write(t));
            SegmentReplayer.Result r = new SegmentReplayer().replay(back);
            assertTrue(r.reproduced(), String.join("\n", r.report()));
            // negative control: the same handshake without the attacker's edits keeps the key mode
            SegmentReplayer.Result clean = new SegmentReplayer().replay(untampered(back));
            assertTrue(clean.divergence().isEmpty() && !clean.reproduced(), String.join("\n", clean.report()));
        }
    }

    @Test
    void aSchemeThatRefusesOrSignalsNothingHoldsWithAWitness() {
        for (SchemeId s : List.of(SchemeId.BOUND_KEY, SchemeId.THESIS_XOR, SchemeId.DRAFT_PAASCH_UNSIGNALLED)) {
            GenericAttacker.Outcome o = check(s, AttackId.HANDSHAKE_DOWNGRADE);
            assertEquals(Verdict.HOLDS, o.verdict(), s + ": " + o.reason() + " " + o.counterexample());
            assertTrue(o.witnessRuns() > 0, s + ": no edited segment reached an end");
        }
    }

    @Test
    void brokenViolatesDowngradeResistance() {
        assertEquals(Verdict.VIOLATED, check(SchemeId.BROKEN, AttackId.HANDSHAKE_DOWNGRADE).verdict());
    }

    @Test
    void theDowngraderActsOnlyOnTheHandshake() throws Exception {
        // after the handshake it is off path: dropping the server's ADD_ADDR is refused
        List<SegmentEvent> ev = List.of(
                new SegmentEvent.Send(1, "c1.1", "MPC_SYN", "s.a1"),
                new SegmentEvent.Deliver(1, 2, "MPC_SYNACK"),
                new SegmentEvent.Deliver(2, 3, "MPC_ACK"),
                new SegmentEvent.Deliver(3, 0, ""),
                new SegmentEvent.Send(4, "c1.1", "ADD_ADDR", "c1.a1"),
                new SegmentEvent.Drop(4));
        SegmentTrace t = new SegmentTrace("test", SchemeId.RFC8684, AttackId.HANDSHAKE_DOWNGRADE,
                PropertyId.DOWNGRADE_RESISTANCE, 7L, "both", false, Map.of("c1", List.of("c1.1")), Map.of(), ev);
        BadTraceFileException e = assertThrows(BadTraceFileException.class, () -> new SegmentReplayer().replay(t));
        assertTrue(e.getMessage().contains("not on the path"), e.getMessage());
    }

    @Test
    void theManInTheMiddleBreaksClearKeysAndDowngradableSchemesNotAPreSharedKey() throws Exception {
        for (SchemeId s : List.of(SchemeId.RFC8684, SchemeId.DRAFT_BAERTS)) {
            GenericAttacker.Outcome o = check(s, AttackId.HANDSHAKE_MITM);
            assertEquals(Verdict.VIOLATED, o.verdict(), s + ": " + o.reason());
            assertEquals(PropertyId.JOIN_AUTHENTICITY, o.violated().orElseThrow());
            SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(o.counterexample().orElseThrow()));
            assertTrue(new SegmentReplayer().replay(t).reproduced(), s + ": not reproduced");
            if (s.usesExternalKey()) {
                // draft-baerts falls only through the downgrade: its joins need K otherwise
                assertTrue(t.events().stream().anyMatch(SegmentEvent.Tamper.class::isInstance), s + ": " + t.events());
            }
        }
        GenericAttacker.Outcome bk = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, 2 * RUNS)
                .check(SchemeId.BOUND_KEY, AttackId.HANDSHAKE_MITM, SEED, false);
        assertEquals(Verdict.HOLDS, bk.verdict(), bk.reason() + " " + bk.counterexample());
        assertTrue(bk.witnessRuns() > 0);
        // given the key, the same attacker breaks bound-key (the key control of the column)
        GenericAttacker.Outcome given = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, 2 * RUNS)
                .check(SchemeId.BOUND_KEY, AttackId.HANDSHAKE_MITM, SEED, true);
        assertEquals(Verdict.VIOLATED, given.verdict(), given.reason());
    }

    /**
     * The rows whose key agreement nothing authenticates (ecdh, mptls, mptcpsec): the man in the
     * middle answers a share with its own public value and joins with the secret the answered end
     * then holds. Each counterexample replays after a round trip through the file format, answers
     * at least one share, and builds a field from the attacker's own private value; the control:
     * the same trace with every answer carrying the share it replaced (a relay) does not violate.
     */
    @Test
    void theManInTheMiddleAnswersAnUnauthenticatedKeyAgreement() throws Exception {
        for (SchemeId s : List.of(SchemeId.ECDH, SchemeId.MPTLS, SchemeId.MPTCPSEC)) {
            // (the seed finds ecdh's at run 148, mptcpsec's at 305, mptls's at 751)
            GenericAttacker.Outcome o = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, 1000)
                    .check(s, AttackId.HANDSHAKE_MITM, SEED, false);
            assertEquals(Verdict.VIOLATED, o.verdict(), s + ": " + o.reason());
            assertEquals(PropertyId.JOIN_AUTHENTICITY, o.violated().orElseThrow());
            SegmentTrace t = SegmentTraceJson.parse(SegmentTraceJson.write(o.counterexample().orElseThrow()));
            assertTrue(new SegmentReplayer().replay(t).reproduced(), s + ": not reproduced");
            assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && WireFields.answered(i.msg())),
                    s + ": no answer in " + t.events());
            assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && !WireFields.answered(i.msg())
                    && i.fields().values().stream().anyMatch(v -> dhOfOwn(v))), s + ": no field from its own private value");
            assertFalse(reproduces(relayed(t), org.mptcpverify.scheme.Schemes::of), s + ": relaying the shares violates too");
        }
    }

    /**
     * The key control of the answer: a design whose key agreement is authenticated by the external
     * key (ecdh with K mixed into the secret when both ends hold it, the PSK-with-DH idea of TLS
     * 1.3; a test definition made from ecdh's, which {@code check --engine tlc --scheme-file} also
     * decides: HOLDS, VIOLATED given K) does not fall to the same attacker, which answers its shares and reaches its
     * join checks (HOLDS with the witness); given K, the same attacker breaks it, with an answer.
     */
    @Test
    void aKeyAgreementAuthenticatedByTheExternalKeyFallsOnlyWithTheKey() throws Exception {
        String text = java.nio.file.Files.readString(java.util.stream.Stream.of("models/schemes/ecdh.scheme", "../models/schemes/ecdh.scheme")
                        .map(java.nio.file.Path::of).filter(java.nio.file.Files::isRegularFile).findFirst().orElseThrow())
                .replace("scheme ecdh\n", "scheme ecdh-psk\n")
                .replaceFirst("(?m)^hash sha256.*$", "hash sha256\nexternal K : 256 socket\nmode keyless\nmode psk local requires K")
                .replaceFirst("(?m)^let Ks = hash\\(dh\\(a, pub\\(b\\)\\)\\).*$",
                        "$0\nlet [psk] Ks = hash(cat(K, dh(a, pub(b))))");
        org.mptcpverify.definition.SchemeDefinition def = org.mptcpverify.definition.DefinitionParser.parse("ecdh-psk.scheme", text);
        org.mptcpverify.definition.DefinedScheme impl = new org.mptcpverify.definition.DefinedScheme(def);
        SchemeId psk = impl.id();
        assertTrue(psk.usesExternalKey() && psk.agreesKey() && text.contains("let [psk] Ks = hash(cat(K,"),
                "the test definition keeps K and the key agreement, and mixes K into the secret");
        java.util.function.Function<SchemeId, org.mptcpverify.scheme.AuthScheme> impls =
                id -> id.equals(psk) ? impl : org.mptcpverify.scheme.Schemes.of(id);
        GenericAttacker.Outcome plain = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, 150, impls, () -> false)
                .check(psk, AttackId.HANDSHAKE_MITM, def, SEED, false);
        assertEquals(Verdict.HOLDS, plain.verdict(), plain.reason() + " " + plain.counterexample());
        assertTrue(plain.relevant().points().keySet().stream().anyMatch(k -> k.startsWith("JOIN_ACK")), plain.relevant().toString());
        // and its runs do answer: some run answers a share and still reaches the join's HMAC check
        SegmentExplorer ex = new SegmentExplorer(psk, AttackerProfile.of(AttackId.HANDSHAKE_MITM), def,
                SegmentExplorer.Limits.DEFAULT, impls);
        boolean answeredAndChecked = false;
        for (int i = 0; i < 60 && !answeredAndChecked; i++) {
            SegmentExplorer.Run r = ex.run(i, "both", false);
            answeredAndChecked = r.violation().isEmpty() && r.relevantChecked().keySet().stream().anyMatch(k -> k.startsWith("JOIN_ACK"))
                    && r.trace().events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject j && WireFields.answered(j.msg()));
        }
        assertTrue(answeredAndChecked, "no run answered a share and reached a join check");
        GenericAttacker.Outcome keyed = new GenericAttacker(SegmentExplorer.Limits.DEFAULT, 600, impls, () -> false)
                .check(psk, AttackId.HANDSHAKE_MITM, def, SEED, true);
        assertEquals(Verdict.VIOLATED, keyed.verdict(), keyed.reason());
        // (not through the file format: its reader knows the built-in and registered schemes only)
        SegmentTrace t = keyed.counterexample().orElseThrow();
        assertTrue(reproduces(t, impls), "the keyed counterexample replays");
        assertTrue(t.events().stream().anyMatch(e -> e instanceof SegmentEvent.Inject i && WireFields.answered(i.msg())),
                "K alone gives no Diffie-Hellman secret: the violation answers a share");
    }

    private static boolean reproduces(SegmentTrace t, java.util.function.Function<SchemeId, org.mptcpverify.scheme.AuthScheme> impls) {
        try {
            return new SegmentReplayer(impls).replay(t).reproduced();
        } catch (BadTraceFileException | RuntimeException e) {
            return false;
        }
    }

    /** Whether a term applies dh to one of the attacker's own values. */
    private static boolean dhOfOwn(org.mptcpverify.segment.SegmentTerm t) {
        return t instanceof org.mptcpverify.segment.SegmentTerm.Apply a
                && (a.op().equals("dh") && a.args().stream().anyMatch(org.mptcpverify.segment.SegmentTerm.Own.class::isInstance)
                || a.args().stream().anyMatch(GenericHandshakeColumnsTest::dhOfOwn));
    }

    /** The trace with each answer carrying the share of the honest segment it replaced (which the attacker read). */
    static SegmentTrace relayed(SegmentTrace t) {
        Map<Integer, String> msgOf = new java.util.TreeMap<>();
        List<SegmentEvent> out = new java.util.ArrayList<>();
        for (SegmentEvent e : t.events()) {
            if (e instanceof SegmentEvent.Send x) {
                msgOf.put(x.seg(), x.msg());
            } else if (e instanceof SegmentEvent.Deliver d && d.reply() != 0) {
                msgOf.put(d.reply(), d.replyMsg());
            }
            if (e instanceof SegmentEvent.Inject i && WireFields.answered(i.msg())) {
                int of = msgOf.entrySet().stream().filter(m -> m.getKey() < i.seg() && m.getValue().equals(i.msg()))
                        .mapToInt(Map.Entry::getKey).max().orElseThrow();
                Map<String, org.mptcpverify.segment.SegmentTerm> f = new java.util.TreeMap<>();
                i.fields().keySet().forEach(k -> f.put(k, new org.mptcpverify.segment.SegmentTerm.Observed(of, k)));
                out.add(new SegmentEvent.Inject(i.seg(), i.msg(), i.conn(), i.subflow(), i.src(), i.dst(), f));
            } else {
                out.add(e);
            }
        }
        return t.withEvents(out);
    }
}
