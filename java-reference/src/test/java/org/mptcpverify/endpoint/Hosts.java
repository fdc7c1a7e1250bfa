package org.mptcpverify.endpoint;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.SegmentCodec;
import org.mptcpverify.wire.TcpSegment;

/**
 * Test bench: a client "c1" and a server "s" of one scheme, segments carried as IP bytes through
 * the reference codec (encode, then decode with checksum verification), FIFO, with an optional
 * tamper hook. No network simulation beyond that: the endpoints alone.
 */
final class Hosts {
    final MptcpEndpoint endpoint;
    final Map<String, EndpointState> state = new TreeMap<>();
    final Deque<TcpSegment> inFlight = new ArrayDeque<>();
    final List<TcpSegment> log = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** The decision points received segments reached ({@link StepResult#checked}), host-prefixed. */
    final List<String> checked = new ArrayList<>();
    final SplittableRandom rnd;
    UnaryOperator<TcpSegment> tamper = UnaryOperator.identity();

    Hosts(AuthScheme scheme, long seed) {
        this(scheme, seed, JoinLimits.linuxDefault());
    }

    Hosts(AuthScheme scheme, long seed, JoinLimits limits) {
        endpoint = new MptcpEndpoint(scheme);
        rnd = new SplittableRandom(seed);
        state.put("c1", EndpointState.initial("c1", Addresses.of("c1", "a1", "a2"), limits));
        state.put("s", EndpointState.initial("s", Addresses.of("s", "a1", "a2"), limits));
    }

    void event(String host, Event e) {
        StepResult r = endpoint.step(state.get(host), e);
        state.put(host, r.state());
        notes.addAll(r.notes());
        r.checked().forEach(c -> checked.add(host + " " + c));
        inFlight.addAll(r.out());
    }

    void bind(KeySetting k) {
        event("s", new Event.Bind(80, k));
    }

    void connect(KeySetting k) {
        event("c1", new Event.Connect(Addresses.of("c1.a1"), Addresses.of("s.a1"), 80, k, rnd.nextLong()));
        run();
    }

    void join() {
        event("c1", new Event.Join(clientConn().id(), Addresses.of("c1.a2"), Addresses.of("s.a1"), 80, rnd.nextLong()));
        run();
    }

    /** Delivers until nothing is in flight; a segment to an unknown address is dropped. */
    void run() {
        int n = 0;
        while (!inFlight.isEmpty()) {
            if (++n > 1000) {
                throw new IllegalStateException("no quiescence");
            }
            TcpSegment s = tamper.apply(inFlight.removeFirst());
            if (s == null) {
                continue;
            }
            TcpSegment wire = SegmentCodec.decode(SegmentCodec.encode(s)).orElseThrow();
            log.add(wire);
            String to = Addresses.actorOf(wire.dst());
            if (state.containsKey(to)) {
                event(to, new Event.Receive(wire, rnd.nextLong()));
            }
        }
    }

    Connection clientConn() {
        return state.get("c1").connections().values().stream().filter(c -> c.role() == Role.A).reduce((a, b) -> b)
                .orElseThrow();
    }

    Connection serverConn() {
        return state.get("s").connections().values().stream().filter(c -> c.role() == Role.B).reduce((a, b) -> b)
                .orElseThrow();
    }

    List<Subflow> serverJoins() {
        return state.get("s").establishedJoins(serverConn().id());
    }

    List<Subflow> clientJoins() {
        return state.get("c1").establishedJoins(clientConn().id());
    }

    static <T extends MptcpOption> Optional<T> option(TcpSegment s, Class<T> type) {
        return s.options().stream().filter(TcpSegment.TcpOption.Mptcp.class::isInstance)
                .map(o -> ((TcpSegment.TcpOption.Mptcp) o).option()).filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The last segment on the log with this flag set, sent from {@code host}. */
    Optional<TcpSegment> last(String host, int flag) {
        for (int i = log.size() - 1; i >= 0; i--) {
            TcpSegment s = log.get(i);
            if (Addresses.actorOf(s.src()).equals(host) && s.has(flag)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static InetAddress addr(String name) {
        return Addresses.of(name);
    }
}
