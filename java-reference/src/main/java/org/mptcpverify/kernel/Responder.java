package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.mptcpverify.wire.TcpSegment;

/**
 * The server side of a differential scenario: something the Java peer sends segments to and
 * whose segments it reads back. The kernel (through the attacker's wiretap) is one; the
 * reference endpoint is the other, so both play exactly the same sequences.
 */
public interface Responder {
    /** Position in the stream of segments the server has sent so far. */
    int mark();

    void send(TcpSegment s) throws IOException;

    /**
     * The first segment the server sent at position {@code from} or later that matches, waiting
     * up to {@code waitMs} where the server is live.
     */
    Optional<TcpSegment> await(int from, Predicate<TcpSegment> p, long waitMs);

    /** The kernel server behind the attacker's bridge port. */
    static Responder kernel(Wiretap tap, byte[] serverMac) {
        return new Responder() {
            @Override
            public int mark() {
                return tap.size();
            }

            @Override
            public void send(TcpSegment s) throws IOException {
                tap.send(serverMac, s);
            }

            @Override
            public Optional<TcpSegment> await(int from, Predicate<TcpSegment> p, long waitMs) {
                return tap.await(from, p, waitMs).map(Wiretap.Seen::segment);
            }
        };
    }
}
