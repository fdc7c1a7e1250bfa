package org.mptcpverify.endpoint;

import java.net.InetAddress;
import org.mptcpverify.wire.TcpSegment;

/** A subflow's 4-tuple from one endpoint's point of view. */
public record Tuple(InetAddress localAddr, int localPort, InetAddress remoteAddr, int remotePort) {
    /** The tuple of an arriving segment, seen by its receiver. */
    public static Tuple ofArriving(TcpSegment s) {
        return new Tuple(s.dst(), s.dstPort(), s.src(), s.srcPort());
    }

    @Override
    public String toString() {
        return localAddr.getHostAddress() + ":" + localPort + "<->" + remoteAddr.getHostAddress() + ":" + remotePort;
    }
}
