package org.mptcpverify.models.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.vocab.Verdict;

/**
 * The path-manager profiles of the generic core ({@code remove-addr-forge}, {@code mp-prio-forge},
 * goal PathManagerIntegrity): the Diffie-Hellman and tagged rows, and the control that the client's
 * own request, obeyed by the server, is not a violation. The cells of the other rows are compared
 * with the traces engine's decision in the properties module (CorePathManagerAgreementTest), which
 * this module cannot see.
 */
class CorePathManagerTest {
    static final List<AttackId> PROFILES = List.of(AttackId.REMOVE_ADDR_FORGE, AttackId.MP_PRIO_FORGE);
    static CoreResult check(CoreCell cell, String dir) {
        return new CoreChecker(1).check(cell, List.of(PropertyId.PATH_MANAGER_INTEGRITY),
                CoreCellsTest.TARGET.resolve(dir), CoreCellsTest.seed(), Duration.ofSeconds(300));
    }

    /**
     * The exported counterexample (its option's field at the wire's 8 bits: the model's Int is 32)
     * replays on the reference with the violation, and without its forged option it does not: a
     * problem, or empty.
     */
    static java.util.Optional<String> replayed(SchemeId s, AttackId a, String msg, CoreResult r) {
        if (r.counterexample() == null) {
            return java.util.Optional.of(s + " x " + a + ": not exported: " + r.exportProblem());
        }
        SegmentTrace t = r.counterexample();
        List<Integer> forged = t.events().stream().filter(e -> e instanceof SegmentEvent.Inject i && i.msg().equals(msg))
                .map(e -> ((SegmentEvent.Inject) e).seg()).toList();
        try {
            SegmentReplayer.Result on = CoreReplayTest.replay(t);
            if (on.divergence().isPresent() || on.violation().map(v -> v.property() != PropertyId.PATH_MANAGER_INTEGRITY).orElse(true)) {
                return java.util.Optional.of(s + " x " + a + ": the exported trace does not replay the violation: " + on.report());
            }
            SegmentTrace without = t.withEvents(t.events().stream().filter(e -> !(e instanceof SegmentEvent.Inject i && forged.contains(i.seg()))
                    && !(e instanceof SegmentEvent.Deliver d && forged.contains(d.seg()))).toList());
            if (forged.isEmpty() || CoreReplayTest.replayer(without).replay(without).violation().isPresent()) {
                return java.util.Optional.of(s + " x " + a + ": violated without a forged " + msg);
            }
        } catch (BadTraceFileException e) {
            return java.util.Optional.of(s + " x " + a + ": refused: " + e.getMessage());
        }
        return java.util.Optional.empty();
    }

    /**
     * ecdh, a Diffie-Hellman row (its REMOVE_ADDR and MP_PRIO unauthenticated, as RFC 8684's): its
     * tlc counterexamples export and replay too (session 8: refused for the 32-bit id).
     */
    @Test
    void aDiffieHellmanRowsPathManagerCounterexamplesReplay() {
        List<String> wrong = new ArrayList<>();
        for (AttackId a : PROFILES) {
            CoreResult r = check(CoreCell.of(SchemeId.ECDH, a, CoreBounds.standard(a)).get(0), "pm-dh");
            assertEquals(Verdict.VIOLATED, r.verdict(), a + ": " + r);
            replayed(SchemeId.ECDH, a, a == AttackId.REMOVE_ADDR_FORGE ? "REMOVE_ADDR" : "MP_PRIO", r).ifPresent(wrong::add);
        }
        assertTrue(wrong.isEmpty(), String.join("; ", wrong));
    }

    /**
     * mptls and mptcpsec tag REMOVE_ADDR and MP_PRIO (docs/schemes.md, "Authenticated REMOVE_ADDR and
     * MP_PRIO"). Given the endpoints' private values (the key control of a Diffie-Hellman row) the
     * attacker builds the tag and the server obeys: VIOLATED, and the exported counterexample, its
     * tag a term over the given values, replays on the reference (which recomputes the HMAC) and not
     * without the forged option. With one injection and no key the forgery has no tag the server
     * accepts: HOLDS, and the witness run delivers a forged option to the tag's check (the
     * standard bounds, two injections, take a minute of TLC: docs/models.md, "Session 10 (pmauth)").
     */
    @Test
    void aTaggedRowFallsOnlyToTheAttackerGivenTheKeys() {
        List<String> wrong = new ArrayList<>();
        for (AttackId a : PROFILES) {
            String msg = a == AttackId.REMOVE_ADDR_FORGE ? "REMOVE_ADDR" : "MP_PRIO";
            CoreBounds b = CoreBounds.standard(a);
            CoreResult keyed = check(new CoreCell(SchemeId.MPTLS, a, "both", true, b), "pm-tag-key");
            assertEquals(Verdict.VIOLATED, keyed.verdict(), a + " given the private values: " + keyed);
            replayed(SchemeId.MPTLS, a, msg, keyed).ifPresent(wrong::add);
            CoreBounds one = new CoreBounds(b.apps(), b.clientsPerApp(), b.connsPerClient(), b.joins(), 1, b.rewrites(),
                    b.lossy(), b.attackerPeer());
            CoreCell cell = new CoreCell(SchemeId.MPTLS, a, "both", false, one);
            CoreResult plain = check(cell, "pm-tag");
            assertEquals(Verdict.HOLDS, plain.verdict(), a + " without the key: " + plain);
            CoreWitness w = new CoreChecker(1).witness(cell, List.of(msg), CoreCellsTest.TARGET.resolve("pm-tag"),
                    CoreCellsTest.seed(), Duration.ofSeconds(300), java.util.Map.of());
            assertTrue(w.decided() && w.reached() && w.steps().get(w.steps().size() - 1).contains(msg),
                    a + ": a forged " + msg + " reaches the tag's check: " + w);
        }
        assertTrue(wrong.isEmpty(), String.join("; ", wrong));
    }

    /**
     * Without injections the only REMOVE_ADDR / MP_PRIO is the client's own, which the server obeys:
     * PathManagerIntegrity holds, so the violation above is the forgery's, not the request's.
     */
    @Test
    void theClientsOwnRequestIsNoViolation() {
        for (AttackId a : PROFILES) {
            CoreBounds b = CoreBounds.standard(a);
            CoreBounds none = new CoreBounds(b.apps(), b.clientsPerApp(), b.connsPerClient(), b.joins(), 0, 0,
                    b.lossy(), b.attackerPeer());
            CoreResult r = check(new CoreCell(SchemeId.RFC8684, a, "both", false, none), "pm-control");
            assertEquals(Verdict.HOLDS, r.verdict(), a + ": " + r);
        }
    }
}
