package org.mptcpverify.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * An AF_PACKET socket that sends and receives whole Ethernet frames on one interface of one
 * network namespace.
 *
 * <p>The socket is created by {@link InNamespace} on a thread that entered the namespace; it
 * stays attached to that namespace's interface for its whole life.
 */
public final class PacketSocket implements AutoCloseable {
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int PACKET_OUTGOING = 4;
    private static final int MAX_FRAME = 65_536;

    private final int fd;
    private final String where;
    private volatile boolean closed;
    private Thread reader;

    private PacketSocket(int fd, String where) {
        this.fd = fd;
        this.where = where;
    }

    /** Opens a socket on {@code ifname} inside network namespace {@code netns}, promiscuous. */
    public static PacketSocket open(String netns, String ifname) throws IOException {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            throw new IOException("AF_PACKET sockets need 64-bit Linux");
        }
        int fd = InNamespace.call(netns, () -> openHere(ifname));
        return new PacketSocket(fd, netns + "/" + ifname);
    }

    /** Runs inside the namespace: create and bind the socket. */
    private static int openHere(String ifname) {
        LibC c = LibC.INSTANCE;
        int ifindex = c.if_nametoindex(ifname);
        if (ifindex == 0) {
            throw new IllegalStateException("no interface " + ifname);
        }
        int fd = c.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, htons(LibC.ETH_P_ALL));
        try {
            Memory ll = new Memory(SOCKADDR_LL_SIZE);
            ll.clear();
            ll.setShort(0, (short) LibC.AF_PACKET);
            ll.setShort(2, (short) htons(LibC.ETH_P_ALL));
            ll.setInt(4, ifindex);
            c.bind(fd, ll, SOCKADDR_LL_SIZE);
            // struct packet_mreq { int ifindex; unsigned short type, alen; unsigned char addr[8]; }
            Memory mreq = new Memory(16);
            mreq.clear();
            mreq.setInt(0, ifindex);
            mreq.setShort(4, (short) LibC.PACKET_MR_PROMISC);
            c.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_ADD_MEMBERSHIP, mreq, 16);
            // struct timeval { long tv_sec; long tv_usec; }: 100 ms, so the reader can notice close()
            Memory tv = new Memory(16);
            tv.setLong(0, 0);
            tv.setLong(8, 100_000);
            c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, 16);
            return fd;
        } catch (RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    private static int htons(int v) {
        return ((v & 0xff) << 8) | ((v >> 8) & 0xff);
    }

    /** Transmits one whole Ethernet frame. */
    public void send(byte[] frame) throws IOException {
        try {
            long n = LibC.INSTANCE.sendto(fd, frame, frame.length, 0, null, 0);
            if (n != frame.length) {
                throw new IOException("short send on " + where + ": " + n + " of " + frame.length);
            }
        } catch (LastErrorException e) {
            throw new IOException("send on " + where + " failed: errno " + e.getErrorCode(), e);
        }
    }

    /**
     * Starts a daemon thread that hands every frame (received and, marked outgoing, sent) to
     * {@code sink} until {@link #close()}.
     */
    public synchronized void startReader(Consumer<RawFrame> sink) {
        if (reader != null) {
            throw new IllegalStateException("reader already started");
        }
        reader = new Thread(() -> readLoop(sink), "packet-reader-" + where);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(Consumer<RawFrame> sink) {
        byte[] buf = new byte[MAX_FRAME];
        Memory from = new Memory(SOCKADDR_LL_SIZE);
        IntByReference fromLen = new IntByReference();
        while (!closed) {
            fromLen.setValue(SOCKADDR_LL_SIZE);
            long n;
            try {
                n = LibC.INSTANCE.recvfrom(fd, buf, buf.length, 0, from, fromLen);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                if (!closed) {
                    System.err.println("packet reader on " + where + " stopped: errno " + e.getErrorCode());
                }
                return;
            }
            Instant now = Instant.now();
            long ts = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            boolean outgoing = (from.getByte(10) & 0xff) == PACKET_OUTGOING;
            byte[] frame = new byte[(int) n];
            System.arraycopy(buf, 0, frame, 0, frame.length);
            sink.accept(new RawFrame(ts, outgoing, frame));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread r;
        synchronized (this) {
            r = reader;
        }
        if (r != null) {
            try {
                r.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LibC.INSTANCE.close(fd);
    }
}
