package org.mptcpverify.segment;

import java.util.Map;
import org.mptcpverify.collect.Ordered;

/**
 * One step of a segment-level counterexample (docs/reference.md, "Segment-level
 * counterexamples"). Segments are named by their number in the trace ({@code seg}), given when a
 * segment first exists: sent by an honest end, sent as a reply in a delivery, injected, replayed,
 * or rewritten in flight.
 */
public sealed interface SegmentEvent {
    /** The event's name in the file. */
    String name();

    /**
     * An honest end originates segment {@code seg}, message {@code msg} of connection {@code conn}
     * (MPC_SYN: the client connects; JOIN_SYN: the client joins {@code dst}; ADD_ADDR: the server
     * advertises its second address; FASTCLOSE: the client fast-closes).
     */
    record Send(int seg, String conn, String msg, String dst) implements SegmentEvent {
        public String name() { return "send"; }
    }

    /**
     * The network delivers segment {@code seg} to its destination, which answers with segment
     * {@code reply} of message {@code replyMsg} ({@code reply} 0: no answer in the model).
     */
    record Deliver(int seg, int reply, String replyMsg) implements SegmentEvent {
        public String name() { return "deliver"; }
    }

    /** The network loses segment {@code seg}. */
    record Lose(int seg) implements SegmentEvent {
        public String name() { return "lose"; }
    }

    /** The attacker reads segment {@code seg} (its profile must let it: path, phase, activity). */
    record Observe(int seg) implements SegmentEvent {
        public String name() { return "observe"; }
    }

    /** The on-path attacker drops segment {@code seg} in flight. */
    record Drop(int seg) implements SegmentEvent {
        public String name() { return "drop"; }
    }

    /** The on-path attacker rewrites the source address of {@code seg} to {@code src}; the result is {@code as}. */
    record Rewrite(int seg, String src, int as) implements SegmentEvent {
        public String name() { return "rewrite"; }
    }

    /**
     * The on-path attacker edits the MP_CAPABLE option of segment {@code seg} in flight; the result
     * is {@code as}. {@code edit}: {@code strip} (the option removed, the segment goes on without
     * it) or {@code clear:HH} (the option's flag bits HH, two hex digits, cleared); an edit whose
     * bytes are no valid option is refused.
     */
    record Tamper(int seg, String edit, int as) implements SegmentEvent {
        public String name() { return "tamper"; }
    }

    /**
     * The attacker injects segment {@code seg}: message {@code msg} from {@code src} to {@code dst}
     * on subflow {@code subflow} of connection {@code conn}, its fields given as terms.
     */
    record Inject(int seg, String msg, String conn, String subflow, String src, String dst,
                  Map<String, SegmentTerm> fields) implements SegmentEvent {
        public Inject {
            fields = Ordered.sorted(fields);
        }

        public String name() { return "inject"; }
    }

    /**
     * The attacker computes {@code value}, a term over what it read (and its own values), and
     * keeps it: a counterexample of ExternalKeySecrecy ends with the derivation of the key it
     * learned (for the thesis schemes: the join SYN's token XOR the token of the key it saw).
     * Whether the result is an external key is the replayer's judgement on the real bytes.
     */
    record Derive(SegmentTerm value) implements SegmentEvent {
        public String name() { return "derive"; }
    }

    /**
     * The attacker sends segment {@code of}, which it observed, again as {@code seg}: from
     * {@code src} to {@code dst} on subflow {@code subflow} (a new subflow name: a fresh source port).
     */
    record Replay(int seg, int of, String subflow, String src, String dst) implements SegmentEvent {
        public String name() { return "replay"; }
    }
}
