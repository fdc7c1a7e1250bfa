package org.mptcpverify.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.Event;
import org.mptcpverify.endpoint.MptcpEndpoint;
import org.mptcpverify.endpoint.StepResult;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.TcpSegment;

/**
 * The reference (rfc8684 {@link MptcpEndpoint}, addresses 10.1.0.66 and 10.1.0.67) speaking to a
 * kernel host through the attacker's bridge port: what the reference sends goes on the wire as
 * encoded by the codec, and every segment the kernel host sends to those addresses is one Receive
 * step. As a client it talks to the kernel server, as a server to the kernel client; the kernel is
 * then the judge of the reference's bytes in that role.
 */
public final class ReferencePeer {
    private final MptcpEndpoint endpoint = new MptcpEndpoint(Schemes.of(SchemeId.RFC8684));
    private final Wiretap tap;
    private final InetAddress kernelHost;
    private final byte[] kernelMac;
    private final SplittableRandom entropy;
    private final List<String> notes = new ArrayList<>();
    private final List<TcpSegment> sent = new ArrayList<>();
    private EndpointState state;
    private int fed;

    private ReferencePeer(Wiretap tap, String role, InetAddress kernelHost, byte[] kernelMac, long seed) {
        this.tap = tap;
        this.kernelHost = kernelHost;
        this.kernelMac = kernelMac.clone();
        this.entropy = new SplittableRandom(seed);
        this.state = EndpointState.initial(role, List.of(Topology.FORGED, Topology.FORGED_2));
        this.fed = tap.size();
    }

    /** The reference client ("c"), talking to the kernel server. */
    public static ReferencePeer client(Wiretap tap, long seed) {
        return new ReferencePeer(tap, "c", Topology.SERVER, Topology.SERVER_MAC, seed);
    }

    /** The reference server ("s"), talking to the kernel client. */
    public static ReferencePeer server(Wiretap tap, long seed) {
        return new ReferencePeer(tap, "s", Topology.CLIENT, Topology.CLIENT_MAC, seed);
    }

    public long nextEntropy() {
        return entropy.nextLong();
    }

    /** One application or path-manager event; what the step sends goes to the kernel host. */
    public void apply(Event e) throws IOException {
        StepResult r = endpoint.step(state, e);
        state = r.state();
        notes.addAll(r.notes());
        for (TcpSegment s : r.out()) {
            tap.send(kernelMac, s);
            sent.add(s);
        }
    }

    /** Feeds the kernel host's segments to the reference for {@code ms} milliseconds. */
    public void pump(long ms) throws IOException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < deadline) {
            List<Wiretap.Seen> seen = tap.segments();
            for (int i = fed; i < seen.size(); i++) {
                TcpSegment s = seen.get(i).segment();
                if (s.src().equals(kernelHost)
                        && (s.dst().equals(Topology.FORGED) || s.dst().equals(Topology.FORGED_2))) {
                    apply(new Event.Receive(s, entropy.nextLong()));
                }
            }
            fed = seen.size();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public EndpointState state() {
        return state;
    }

    /** Every segment the reference put on the wire, in order (the wiretap decodes only what it receives). */
    public List<TcpSegment> sent() {
        return List.copyOf(sent);
    }

    /** The reference's own account of every step. */
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
