package org.mptcpverify.traces.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpverify.segment.SegmentEvent;
import org.mptcpverify.segment.SegmentReplayer;
import org.mptcpverify.segment.SegmentTrace;
import org.mptcpverify.trace.TraceJson.BadTraceFileException;
import org.mptcpverify.traces.Seeds;
import org.mptcpverify.vocab.AttackId;
import org.mptcpverify.vocab.PropertyId;
import org.mptcpverify.vocab.SchemeId;

/**
 * PathManagerIntegrity must not count the client's own REMOVE_ADDR or MP_PRIO (else every cell of
 * those columns would be VIOLATED by the honest path manager alone): for every scheme, a trace with
 * no attacker event in which the client withdraws its joined address, or marks its initial subflow
 * backup, replays without a violation, and the server acts on the option. Ported in session 14
 * from the exchange-level PathManagerIntegrityTest; that the forged option is the violation is
 * {@link CorePathManagerAgreementTest}'s (a core counterexample without its forged option is not violated).
 */
class HonestPathManagerTest {
    private static final long SEED = 20261127L;

    @Test
    void theClientsOwnOptionsAreNoViolation() throws BadTraceFileException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (AttackId a : List.of(AttackId.REMOVE_ADDR_FORGE, AttackId.MP_PRIO_FORGE)) {
            String option = a == AttackId.REMOVE_ADDR_FORGE ? "REMOVE_ADDR" : "MP_PRIO";
            for (SchemeId s : SchemeId.values()) {
                if (!a.applicableProperties(s).contains(PropertyId.PATH_MANAGER_INTEGRITY)) {
                    continue;
                }
                AttackerProfile profile = AttackerProfile.of(a);
                SegmentExplorer explorer = new SegmentExplorer(s, profile, GenericAttacker.definition(s),
                        SegmentExplorer.Limits.DEFAULT);
                SegmentTrace header = explorer.header(Seeds.cell(SEED, s, a), profile.keyedSides().get(0), false);
                Honest h = new Honest(header);
                h.send("c1.1", "MPC_SYN");
                if (option.equals("REMOVE_ADDR")) {
                    h.send("c1.1", "JOIN_SYN"); // the address it withdraws has a subflow to close
                }
                h.send("c1.1", option);
                SegmentReplayer.Result r = new SegmentReplayer().replay(header.withEvents(h.events));
                checked++;
                String where = s + " / " + a + ": ";
                if (r.divergence().isPresent() || r.violation().isPresent()) {
                    wrong.add(where + r.report());
                } else if (r.steps().stream().noneMatch(l -> l.contains(" receives #") && l.contains(option)
                        && l.contains(option.equals("REMOVE_ADDR") ? "closed" : "is backup for the peer"))) {
                    wrong.add(where + "the server did not act on the " + option + ": " + r.steps());
                }
            }
        }
        System.out.println("[honest path manager] " + checked + " cells, " + wrong.size() + " wrong");
        assertTrue(checked >= 2 * 15, "cells checked: " + checked);
        assertEquals(List.of(), wrong);
    }

    /** The honest ends only: each send, then every held send and delivery until nothing is left in flight. */
    private static final class Honest {
        final SegmentReplayer.Session session;
        final List<SegmentEvent> events = new ArrayList<>();
        int next = 1;

        Honest(SegmentTrace header) throws BadTraceFileException {
            session = new SegmentReplayer.Session(header);
        }

        void send(String conn, String msg) throws BadTraceFileException {
            events.add(session.step(new SegmentEvent.Send(next++, conn, msg, "s.a1")));
            for (int guard = 0; guard < 50 && session.divergence().isEmpty(); guard++) {
                if (!session.held().isEmpty()) {
                    String[] held = session.held().get(0);
                    events.add(session.step(new SegmentEvent.Send(next++, held[1] + ".1", held[0],
                            held[0].equals("KEY_A") ? "s.a1" : held[1] + ".a1")));
                } else if (!session.inFlight().isEmpty()) {
                    SegmentEvent done = session.step(new SegmentEvent.Deliver(session.inFlight().get(0).id(), next,
                            SegmentReplayer.Session.ANY_REPLY));
                    events.add(done);
                    if (done instanceof SegmentEvent.Deliver d && d.reply() != 0) {
                        next++;
                    }
                } else {
                    return;
                }
            }
        }
    }
}
