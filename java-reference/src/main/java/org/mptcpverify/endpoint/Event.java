package org.mptcpverify.endpoint;

import java.net.InetAddress;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.wire.TcpSegment;

/**
 * What can happen to an endpoint: an application call or an arriving segment. {@code entropy}
 * seeds every random value the step draws (keys, nonces, ISNs), so steps are pure.
 */
public sealed interface Event {
    /** Server application: bind() + listen() on {@code port}, with the socket's key setting. */
    record Bind(int port, KeySetting setting) implements Event {}

    /** Client application: connect() from {@code local} to {@code remote:port}. */
    record Connect(InetAddress local, InetAddress remote, int port, KeySetting setting, long entropy) implements Event {}

    /** Path manager: open a join on connection {@code connId} from {@code local} to {@code remote:port}. */
    record Join(int connId, InetAddress local, InetAddress remote, int port, long entropy) implements Event {}

    /** Path manager: announce {@code addr} (and {@code port}, if any) with address id {@code addrId} on connection {@code connId}. */
    record Advertise(int connId, int addrId, InetAddress addr, java.util.OptionalInt port) implements Event {
        /** An address without a port (joins go to the connection's port). */
        public Advertise(int connId, int addrId, InetAddress addr) {
            this(connId, addrId, addr, java.util.OptionalInt.empty());
        }
    }

    /** Path manager: withdraw address id {@code addrId} on connection {@code connId} (REMOVE_ADDR). */
    record RemoveAddr(int connId, int addrId) implements Event {}

    /**
     * Path manager: ask the peer to use the initial subflow of {@code connId} as backup or not
     * (MP_PRIO without an address id, sent on that subflow, RFC 8684 3.3.8).
     */
    record SetBackup(int connId, boolean backup) implements Event {}

    /** The initial subflow of {@code connId} is reset (a plain RST on it; the connection lives on its joins). */
    record ResetInitial(int connId) implements Event {}

    /** Application: abort connection {@code connId} with MP_FASTCLOSE. */
    record FastClose(int connId) implements Event {}

    /** A segment arrives. */
    record Receive(TcpSegment segment, long entropy) implements Event {}
}
