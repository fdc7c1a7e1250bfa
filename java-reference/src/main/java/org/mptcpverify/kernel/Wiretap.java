package org.mptcpverify.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.mptcpverify.pcap.AttackerMark;
import org.mptcpverify.pcap.PcapWriter;
import org.mptcpverify.wire.ParseResult;
import org.mptcpverify.wire.SegmentCodec;
import org.mptcpverify.wire.TcpSegment;

/**
 * The attacker's only view of and access to the network: every frame on its bridge port, the
 * TCP segments among them decoded by the reference {@link SegmentCodec}, and a way to inject
 * segments that codec encodes. Everything the attacks know comes from {@link #segments()}.
 */
public final class Wiretap implements AutoCloseable {
    /** A decoded TCP segment seen (not sent) by the attacker, with its position and frame. */
    public record Seen(int index, RawFrame frame, TcpSegment segment) {}

    private final PacketSocket socket;
    private final byte[] ownMac;
    private final List<RawFrame> frames = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();
    private int undecodable;
    private String firstError;

    private Wiretap(PacketSocket socket, byte[] ownMac) {
        this.socket = socket;
        this.ownMac = ownMac.clone();
    }

    public static Wiretap open(String netns, String ifname, byte[] ownMac) throws IOException {
        Wiretap w = new Wiretap(PacketSocket.open(netns, ifname), ownMac);
        w.socket.startReader(w::accept);
        return w;
    }

    private void accept(RawFrame f) {
        synchronized (seen) {
            frames.add(f);
            if (!f.outgoing()) {
                Ethernet.ipv4(f.data()).ifPresent(ip -> {
                    ParseResult<TcpSegment> r = SegmentCodec.decode(ip);
                    if (r instanceof ParseResult.Ok<TcpSegment> ok) {
                        seen.add(new Seen(seen.size(), f, ok.value()));
                    } else {
                        undecodable++;
                        if (firstError == null) {
                            firstError = r.toString();
                        }
                    }
                });
            }
            seen.notifyAll();
        }
    }

    /** Encodes {@code s} with the reference codec and transmits it to {@code dstMac}. */
    public void send(byte[] dstMac, TcpSegment s) throws IOException {
        byte[] frame = Ethernet.frame(dstMac, ownMac, SegmentCodec.encode(s));
        // AF_PACKET does not loop a socket's own frames back to it: record them here.
        synchronized (seen) {
            frames.add(new RawFrame(nowNanos(), true, frame));
        }
        socket.send(frame);
    }

    private static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public List<Seen> segments() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public int size() {
        synchronized (seen) {
            return seen.size();
        }
    }

    /** IPv4 frames that did not decode as TCP (ARP and others are not counted). */
    public int undecodable() {
        synchronized (seen) {
            return undecodable;
        }
    }

    /** The first decode error, for diagnostics. */
    public Optional<String> firstDecodeError() {
        synchronized (seen) {
            return Optional.ofNullable(firstError);
        }
    }

    /** The first seen segment at index {@code from} or later matching {@code p}, waiting up to the timeout. */
    public Optional<Seen> await(int from, Predicate<TcpSegment> p, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (seen) {
            int i = from;
            while (true) {
                for (; i < seen.size(); i++) {
                    if (p.test(seen.get(i).segment())) {
                        return Optional.of(seen.get(i));
                    }
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    seen.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** The packet comment of the frames the attacker sent itself (forged or relayed). */
    static final String ATTACKER_COMMENT = AttackerMark.comment("sent by the attacker's AF_PACKET socket (forged or relayed)");

    /**
     * Writes every IPv4 frame seen or sent, as raw IP packets in capture order; the attacker's own
     * frames carry {@link #ATTACKER_COMMENT}.
     */
    public void writePcap(Path file) throws IOException {
        writePcap(file, List.of(this));
    }

    /**
     * The frames of several taps (the attacker's ports on paths 1 and 2) in one capture, ordered
     * by time (stable: frames of one tap keep their order).
     */
    public static void writePcap(Path file, List<Wiretap> taps) throws IOException {
        List<PcapWriter.TimedPacket> packets = new ArrayList<>();
        for (Wiretap w : taps) {
            synchronized (w.seen) {
                for (RawFrame f : w.frames) {
                    Ethernet.ipv4Exact(f.data()).ifPresent(ip ->
                            packets.add(new PcapWriter.TimedPacket(f.timestampNanos() / 1_000, ip,
                                    f.outgoing() ? ATTACKER_COMMENT : "")));
                }
            }
        }
        if (taps.size() > 1) {
            packets.sort(java.util.Comparator.comparingLong(PcapWriter.TimedPacket::timestampMicros));
        }
        PcapWriter.writeRawIp(file, packets);
    }

    public int frameCount() {
        synchronized (seen) {
            return frames.size();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
