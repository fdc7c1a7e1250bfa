package org.mptcpverify.endpoint;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import org.mptcpverify.wire.TcpSegment;

/** A subflow's 4-tuple from one endpoint's point of view; ordered so that state iterates the same way every run. */
public record Tuple(InetAddress localAddr, int localPort, InetAddress remoteAddr, int remotePort) implements Comparable<Tuple> {
    private static final Comparator<InetAddress> ADDR = (a, b) -> Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    private static final Comparator<Tuple> ORDER = Comparator.comparing(Tuple::localAddr, ADDR)
            .thenComparingInt(Tuple::localPort).thenComparing(Tuple::remoteAddr, ADDR).thenComparingInt(Tuple::remotePort);

    @Override
    public int compareTo(Tuple o) {
        return ORDER.compare(this, o);
    }

    /** The tuple of an arriving segment, seen by its receiver. */
    public static Tuple ofArriving(TcpSegment s) {
        return new Tuple(s.dst(), s.dstPort(), s.src(), s.srcPort());
    }

    /** The same subflow as its other end sees it. */
    public Tuple seenFromPeer() {
        return new Tuple(remoteAddr, remotePort, localAddr, localPort);
    }

    @Override
    public String toString() {
        return localAddr.getHostAddress() + ":" + localPort + "<->" + remoteAddr.getHostAddress() + ":" + remotePort;
    }
}
