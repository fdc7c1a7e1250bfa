package org.mptcpverify.kernel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.JoinLimits;
import org.mptcpverify.endpoint.Event;
import org.mptcpverify.endpoint.MptcpEndpoint;
import org.mptcpverify.endpoint.StepResult;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.TcpSegment;

/**
 * The reference server (rfc8684 scheme, pure step function, Linux's join limits with the kernel
 * server's {@code subflows} setting) as a {@link Responder}: each segment
 * is one Receive step; everything the step sends is appended to the server's output stream. It
 * answers synchronously, so waiting is never needed.
 */
public final class ReferenceResponder implements Responder {
    private final MptcpEndpoint endpoint = new MptcpEndpoint(Schemes.of(SchemeId.RFC8684));
    private final SplittableRandom entropy;
    private final List<TcpSegment> sent = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private EndpointState state;

    public ReferenceResponder(InetAddress server, int port, long seed) {
        this.entropy = new SplittableRandom(seed);
        this.state = EndpointState.initial("s", List.of(server), JoinLimits.linux(Topology.SUBFLOWS));
        apply(new Event.Bind(port, KeySetting.none()));
    }

    private void apply(Event e) {
        StepResult r = endpoint.step(state, e);
        state = r.state();
        sent.addAll(r.out());
        notes.addAll(r.notes());
    }

    @Override
    public int mark() {
        return sent.size();
    }

    @Override
    public void send(TcpSegment s) {
        apply(new Event.Receive(s, entropy.nextLong()));
    }

    @Override
    public Optional<TcpSegment> await(int from, Predicate<TcpSegment> p, long waitMs) {
        for (int i = from; i < sent.size(); i++) {
            if (p.test(sent.get(i))) {
                return Optional.of(sent.get(i));
            }
        }
        return Optional.empty();
    }

    /** The reference's own account of each step, for explaining differences. */
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
