package org.mptcpverify.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.mptcpverify.wire.TcpSegment;

/**
 * A box on a path that rewrites the source of the subflows it captures to its own public address,
 * consistently for the subflow's whole life, and rewrites the replies back: the NAT of
 * {@code nat-join}, and the {@code syn-join-rewrite} attacker relaying a join as {@code x.a}.
 */
public final class Rewriter {
    private record Flow(InetAddress addr, int port, InetAddress remote, int remotePort) {}

    private final String path;
    private final InetAddress publicAddr;
    private final Predicate<TcpSegment> capture;
    private final boolean keepPorts;
    private final boolean oneShot;
    private final Map<Flow, Integer> out = new HashMap<>();
    private final Map<Flow, Flow> back = new HashMap<>();
    private int nextPort = 61000;
    private boolean captured;

    /**
     * @param capture   which first segment (a SYN from the inside) starts a captured subflow
     * @param keepPorts keep the inside source port (else allocate one, as a NAT does)
     * @param oneShot   capture only one subflow
     */
    public Rewriter(String path, InetAddress publicAddr, Predicate<TcpSegment> capture, boolean keepPorts, boolean oneShot) {
        this.path = path;
        this.publicAddr = publicAddr;
        this.capture = capture;
        this.keepPorts = keepPorts;
        this.oneShot = oneShot;
    }

    public String path() {
        return path;
    }

    public InetAddress publicAddr() {
        return publicAddr;
    }

    /** The rewritten segment, or empty when this box leaves it alone. */
    public Optional<TcpSegment> apply(TcpSegment s) {
        Flow f = new Flow(s.src(), s.srcPort(), s.dst(), s.dstPort());
        Integer port = out.get(f);
        if (port == null && s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK) && !(oneShot && captured)
                && capture.test(s)) {
            port = keepPorts ? s.srcPort() : nextPort++;
            out.put(f, port);
            back.put(new Flow(publicAddr, port, s.dst(), s.dstPort()), f);
            captured = true;
        }
        if (port != null) {
            return Optional.of(new TcpSegment(publicAddr, s.dst(), port, s.dstPort(), s.seq(), s.ack(), s.flags(),
                    s.window(), s.options(), s.payload()));
        }
        Flow inside = back.get(new Flow(s.dst(), s.dstPort(), s.src(), s.srcPort()));
        if (inside != null) {
            return Optional.of(new TcpSegment(s.src(), inside.addr(), s.srcPort(), inside.port(), s.seq(), s.ack(),
                    s.flags(), s.window(), s.options(), s.payload()));
        }
        return Optional.empty();
    }
}
