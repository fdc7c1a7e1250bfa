package org.mptcpverify.monitor;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.endpoint.ConnPhase;
import org.mptcpverify.endpoint.Connection;
import org.mptcpverify.endpoint.EndpointState;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.endpoint.Tuple;
import org.mptcpverify.net.Envelope;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.TcpSegment;
import org.mptcpverify.collect.Ordered;

/**
 * What really happened, recorded by the runner from the segments' origins and never read by the
 * protocol: who opened each server connection, which SYN+MP_JOIN created each server-side join,
 * who sent each ADD_ADDR a client acted on and each MP_FASTCLOSE the server obeyed, the mirror
 * images (each ADD_ADDR the server acted on, each MP_FASTCLOSE a client obeyed, each join answer a
 * client accepted: issue #12), and the legitimate Join actions.
 */
public final class GroundTruth {
    /** The SYN+MP_JOIN behind a server-side join: its envelope, origin and where the origin sent it from. */
    public record SynTruth(long envelopeId, String origin, InetAddress originSrc, int originSrcPort) {}

    /**
     * An address a client accepted from an ADD_ADDR. {@code current}: the server announced that
     * address on this very connection and had not withdrawn it when the client accepted it (an
     * authentic ADD_ADDR replayed after a REMOVE_ADDR, or onto another connection, is not).
     */
    public record AddrAccept(int step, String client, InetAddress addr, String origin, boolean current) {
        public AddrAccept(int step, String client, InetAddress addr, String origin) {
            this(step, client, addr, origin, true);
        }
    }

    /**
     * A fast close the server obeyed. {@code requested}: the connection's own client had sent an
     * MP_FASTCLOSE on this connection before the server accepted one (the accepted segment may be
     * that request, or a copy of it that overtook it); CloseAuthenticity asks only this
     * (docs/properties.md, "Authentic means requested").
     */
    public record FastCloseTruth(int step, int serverConnId, String origin, boolean requested) {}

    /**
     * The mirror image of {@link FastCloseTruth} (issue #12): a fast close a client obeyed on its
     * connection {@code clientConnId}; {@code requested}: the server had sent an MP_FASTCLOSE on
     * that connection before.
     */
    public record ClientCloseTruth(int step, String client, int clientConnId, String origin, boolean requested) {}

    /**
     * An address the server accepted from an ADD_ADDR on {@code client}'s connection (the mirror
     * image of {@link AddrAccept}, issue #12). {@code current}: that client announced the address
     * on this very connection and had not withdrawn it.
     */
    public record ServerAddrAccept(int step, String client, InetAddress addr, String origin, boolean current) {}

    /**
     * A join a client accepted the answer to (issue #12, JoinAnswerAuthenticity): its client-side
     * subflow left SYN_SENT on a SYN/ACK + MP_JOIN that originated at {@code answerOrigin}.
     */
    public record JoinAnswer(int step, String client, Tuple clientTuple, String answerOrigin) {}

    /**
     * A join the server established (accepted its third ACK): its server-side subflow, who built
     * the third ACK it accepted, and {@code byClient}: when the server accepted it, the client whose
     * SYN + MP_JOIN created the join (or a copy of it, on the same subflow) still held that join and
     * had sent its own third ACK on it. JoinAuthenticity asks this besides the SYN's origin.
     */
    public record JoinCompletion(int step, Tuple serverTuple, String ackOrigin, boolean byClient) {}

    /**
     * A path-manager change the server made on a REMOVE_ADDR or MP_PRIO: a subflow of its
     * connection closed ({@code what} "removed") or its priority changed ("backup"/"regular").
     */
    public record PathChange(int step, int serverConnId, Tuple subflow, String what, String origin) {}

    /**
     * The mirror image (issue #12): a subflow of {@code client}'s connection {@code clientConnId}
     * that the client closed or re-prioritised on a REMOVE_ADDR or MP_PRIO, with that option's origin.
     */
    public record ClientPathChange(int step, String client, int clientConnId, Tuple subflow, String what, String origin) {}

    /**
     * A legitimate join: a Join action, or the join a client opens on the server's ADD_ADDR; the
     * client-side tuple of the join (null: the Join action could open none).
     */
    public record LegitJoin(int step, String client, Tuple clientTuple, boolean touchedByAttacker) {}

    private final Map<Integer, String> serverConnOwner = new HashMap<>();
    private final Map<Tuple, SynTruth> serverJoinSyns = new HashMap<>();
    private final Map<Tuple, Long> clientJoinSyns = new HashMap<>();
    private final List<AddrAccept> accepts = new ArrayList<>();
    private final List<FastCloseTruth> closes = new ArrayList<>();
    private final List<ClientCloseTruth> clientCloses = new ArrayList<>();
    private final List<ServerAddrAccept> serverAccepts = new ArrayList<>();
    private final List<JoinAnswer> joinAnswers = new ArrayList<>();
    /** Client-view initial tuples of the connections on which the server sent an MP_FASTCLOSE. */
    private final java.util.Set<Tuple> serverFastCloses = new java.util.TreeSet<>();
    private final List<PathChange> pathChanges = new ArrayList<>();
    private final List<ClientPathChange> clientPathChanges = new ArrayList<>();
    private final List<LegitJoin> joins = new ArrayList<>();
    private final java.util.Set<Integer> established = new java.util.TreeSet<>();
    /** Server-view initial tuples of the connections whose client sent an MP_FASTCLOSE. */
    private final java.util.Set<Tuple> fastCloseRequests = new java.util.TreeSet<>();
    private final Map<Tuple, JoinCompletion> completions = new java.util.TreeMap<>();

    public void serverConnection(int connId, String origin) {
        serverConnOwner.put(connId, origin);
    }

    public Optional<String> ownerOf(int serverConnId) {
        return Optional.ofNullable(serverConnOwner.get(serverConnId));
    }

    public Map<Integer, String> serverConnOwners() {
        return Ordered.copy(serverConnOwner);
    }

    public void serverJoinSyn(Tuple serverTuple, SynTruth t) {
        serverJoinSyns.put(serverTuple, t);
    }

    public Optional<SynTruth> joinSynAt(Tuple serverTuple) {
        return Optional.ofNullable(serverJoinSyns.get(serverTuple));
    }

    public void clientJoinSyn(Tuple clientTuple, long envelopeId) {
        clientJoinSyns.putIfAbsent(clientTuple, envelopeId);
    }

    public Optional<Long> clientJoinSynId(Tuple clientTuple) {
        return Optional.ofNullable(clientJoinSyns.get(clientTuple));
    }

    public void accepted(AddrAccept a) {
        accepts.add(a);
    }

    public List<AddrAccept> accepts() {
        return List.copyOf(accepts);
    }

    public void fastClosed(FastCloseTruth c) {
        closes.add(c);
    }

    public List<FastCloseTruth> closes() {
        return List.copyOf(closes);
    }

    public List<ClientCloseTruth> clientCloses() {
        return List.copyOf(clientCloses);
    }

    public List<ServerAddrAccept> serverAccepts() {
        return List.copyOf(serverAccepts);
    }

    public List<JoinAnswer> joinAnswers() {
        return List.copyOf(joinAnswers);
    }

    /** The client of the connection whose server-side initial subflow is {@code serverInitial} asks to fast-close it. */
    public void fastCloseRequested(Tuple serverInitial) {
        fastCloseRequests.add(serverInitial);
    }

    public boolean fastCloseRequestedOn(Tuple serverInitial) {
        return fastCloseRequests.contains(serverInitial);
    }

    public void joinCompleted(JoinCompletion c) {
        completions.put(c.serverTuple(), c);
    }

    /** How the server's join on {@code serverTuple} was last completed (its third ACK accepted). */
    public Optional<JoinCompletion> completionAt(Tuple serverTuple) {
        return Optional.ofNullable(completions.get(serverTuple));
    }

    /**
     * Records what an honest host's segment asks for, when it is sent: a client's MP_FASTCLOSE is
     * its request to close that connection (kept as the server-side view of the connection's
     * initial subflow, the tuple by which the server knows the connection).
     *
     * @param state the host's state after the step that sent it
     */
    public void sent(String host, EndpointState state, Envelope e) {
        TcpSegment s = e.segment();
        if (!hasFastClose(s)) {
            return;
        }
        if (host.equals("s")) {
            // the server's own MP_FASTCLOSE: its request to close the connection, kept as the
            // client-side view of the connection's initial subflow (the mirror image)
            Tuple own = new Tuple(s.src(), s.srcPort(), s.dst(), s.dstPort());
            Integer connId = state.subflows().containsKey(own) ? Integer.valueOf(state.subflows().get(own).connId()) : null;
            for (Connection c : state.connections().values()) {
                if (c.role() == org.mptcpverify.scheme.Role.B && (c.initial().equals(own) || Integer.valueOf(c.id()).equals(connId))) {
                    Tuple i = c.initial();
                    serverFastCloses.add(i.seenFromPeer());
                }
            }
            return;
        }
        Tuple own = new Tuple(s.src(), s.srcPort(), s.dst(), s.dstPort());
        Integer connId = state.subflows().containsKey(own) ? Integer.valueOf(state.subflows().get(own).connId()) : null;
        for (Connection c : state.connections().values()) {
            if (c.role() == org.mptcpverify.scheme.Role.A && (c.initial().equals(own) || Integer.valueOf(c.id()).equals(connId))) {
                Tuple i = c.initial();
                fastCloseRequested(i.seenFromPeer());
            }
        }
    }

    public List<PathChange> pathChanges() {
        return List.copyOf(pathChanges);
    }

    /** Subflows the clients closed or re-prioritised on a REMOVE_ADDR or MP_PRIO, in order. */
    public List<ClientPathChange> clientPathChanges() {
        return List.copyOf(clientPathChanges);
    }

    public void legitJoin(LegitJoin j) {
        joins.add(j);
    }

    public List<LegitJoin> joins() {
        return List.copyOf(joins);
    }

    /** The i-th legitimate join was, at some point, established at both ends. */
    public void joinEstablished(int i) {
        established.add(i);
    }

    /** Whether this join ever was established at both ends (a later close does not undo its success). */
    public boolean wasEstablished(LegitJoin j) {
        int i = joins.indexOf(j);
        return i >= 0 && established.contains(i);
    }
    /**
     * Records what a delivery of {@code e} to {@code host} created, from the states before and
     * after: at the server, new connections (their opener), connections a MP_FASTCLOSE closed and
     * new half-open joins (the SYN behind each); at a client, addresses it accepted.
     */
    public void recordDelivery(int step, String host, EndpointState before, EndpointState after, Envelope e) {
        recordDelivery(step, host, before, after, e, Map.of());
    }

    /**
     * As {@link #recordDelivery(int, String, EndpointState, EndpointState, Envelope)}, with every
     * host's state at that moment ({@code hosts}; the receiver's entry is its state before): each
     * address a client accepts is judged against what the server announces on the client's
     * connection now, and each join the server establishes against what its client holds now.
     */
    public void recordDelivery(int step, String host, EndpointState before, EndpointState after, Envelope e,
                               Map<String, EndpointState> hosts) {
        EndpointState server = hosts.get("s");
        if (host.equals("s")) {
            for (Connection c : after.connections().values()) {
                Connection old = before.connections().get(c.id());
                if (old == null) {
                    serverConnection(c.id(), e.origin());
                } else if (old.phase() != ConnPhase.CLOSED && c.phase() == ConnPhase.CLOSED && hasFastClose(e.segment())) {
                    fastClosed(new FastCloseTruth(step, c.id(), e.origin(), fastCloseRequestedOn(c.initial())));
                }
            }
            for (Tuple t : after.halfOpen().keySet()) {
                if (!before.halfOpen().containsKey(t)) {
                    serverJoinSyn(t, new SynTruth(e.id(), e.origin(), e.originSrc(), e.originSrcPort()));
                }
            }
            for (Subflow sf : after.subflows().values()) {
                Subflow old = before.subflows().get(sf.tuple());
                if (sf.phase() == Subflow.Phase.ESTABLISHED && (old == null || old.phase() != Subflow.Phase.ESTABLISHED)) {
                    joinCompleted(new JoinCompletion(step, sf.tuple(), e.origin(), clientCompleted(sf.tuple(), hosts)));
                }
            }
            if (has(e.segment(), MptcpOption.RemoveAddr.class) || has(e.segment(), MptcpOption.MpPrio.class)) {
                pathChanges(before, after, (conn, sf, what) -> pathChanges.add(new PathChange(step, conn, sf, what, e.origin())));
            }
            recordServerAccepts(step, before, after, e, hosts);
            return;
        }
        for (Connection c : after.connections().values()) {
            Connection old = before.connections().get(c.id());
            for (Map.Entry<Integer, InetAddress> a : c.remoteAddrs().entrySet()) {
                if (old == null || !old.remoteAddrs().containsKey(a.getKey())) {
                    accepted(new AddrAccept(step, host, a.getValue(), e.origin(),
                            server == null || announcedNow(server, c, a.getValue())));
                }
            }
            if (old != null && old.phase() != ConnPhase.CLOSED && c.phase() == ConnPhase.CLOSED && hasFastClose(e.segment())) {
                clientCloses.add(new ClientCloseTruth(step, host, c.id(), e.origin(), serverFastCloses.contains(c.initial())));
            }
        }
        for (Subflow sf : after.subflows().values()) {
            Subflow old = before.subflows().get(sf.tuple());
            if (old != null && old.phase() == Subflow.Phase.SYN_SENT && sf.phase() != Subflow.Phase.SYN_SENT) {
                joinAnswers.add(new JoinAnswer(step, host, sf.tuple(), e.origin()));
            }
        }
        if (has(e.segment(), MptcpOption.RemoveAddr.class) || has(e.segment(), MptcpOption.MpPrio.class)) {
            pathChanges(before, after, (conn, sf, what) -> clientPathChanges.add(
                    new ClientPathChange(step, host, conn, sf, what, e.origin())));
        }
    }

    /**
     * The server's side of {@link #recordDelivery}: addresses it accepted from an ADD_ADDR, each
     * judged against what the connection's client announces on it now (the mirror image of a
     * client's acceptance, issue #12).
     */
    private void recordServerAccepts(int step, EndpointState before, EndpointState after, Envelope e,
                                     Map<String, EndpointState> hosts) {
        for (Connection c : after.connections().values()) {
            Connection old = before.connections().get(c.id());
            for (Map.Entry<Integer, InetAddress> a : c.remoteAddrs().entrySet()) {
                if (old == null || !old.remoteAddrs().containsKey(a.getKey())) {
                    String owner = serverConnOwner.getOrDefault(c.id(), "?");
                    EndpointState client = hosts.get(owner);
                    serverAccepts.add(new ServerAddrAccept(step, owner, a.getValue(), e.origin(),
                            client == null || clientAnnouncedNow(client, c, a.getValue())));
                }
            }
        }
    }

    /** Whether the client's end of the server's connection {@code sc} announces {@code addr} now. */
    private static boolean clientAnnouncedNow(EndpointState client, Connection sc, InetAddress addr) {
        Tuple mirror = sc.initial().seenFromPeer();
        return client.connections().values().stream().filter(cc -> cc.initial().equals(mirror))
                .anyMatch(cc -> cc.announced().values().stream().anyMatch(an -> an.address().equals(addr)));
    }

    /**
     * Whether the join the server holds on {@code serverTuple} is one its client completed itself:
     * the SYN + MP_JOIN that created it is a SYN the client sent (or a copy of it) arriving on the
     * client's own subflow (the source port the client sent it from; a copy from a fresh port is
     * another subflow), and the client holds that subflow now, having sent its third ACK on it
     * (phase ACK_SENT or ESTABLISHED). A join the client abandoned (a SYN/ACK that failed its check
     * makes it drop the subflow) or withdrew no longer counts.
     */
    private boolean clientCompleted(Tuple serverTuple, Map<String, EndpointState> hosts) {
        SynTruth syn = serverJoinSyns.get(serverTuple);
        if (syn == null || syn.originSrcPort() != serverTuple.remotePort()) {
            return false;
        }
        EndpointState client = hosts.get(syn.origin());
        if (client == null) {
            return false;
        }
        for (Map.Entry<Tuple, Long> j : clientJoinSyns.entrySet()) {
            Subflow mine = client.subflows().get(j.getKey());
            if (j.getValue() == syn.envelopeId() && mine != null
                    && (mine.phase() == Subflow.Phase.ACK_SENT || mine.phase() == Subflow.Phase.ESTABLISHED)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server's end of the client's connection {@code c} announces {@code addr} now. */
    private static boolean announcedNow(EndpointState server, Connection c, InetAddress addr) {
        Tuple mirror = c.initial().seenFromPeer();
        return server.connections().values().stream().filter(sc -> sc.initial().equals(mirror))
                .anyMatch(sc -> sc.announced().values().stream().anyMatch(an -> an.address().equals(addr)));
    }

    private interface PathChangeSink {
        void changed(int connId, Tuple subflow, String what);
    }

    /** Subflows of an end's connections closed or re-prioritised between {@code before} and {@code after}. */
    private static void pathChanges(EndpointState before, EndpointState after, PathChangeSink sink) {
        for (Connection old : before.connections().values()) {
            Connection c = after.connections().get(old.id());
            if (old.initialOpen() && !c.initialOpen()) {
                sink.changed(c.id(), c.initial(), "removed");
            } else if (old.initialPeerBackup() != c.initialPeerBackup()) {
                sink.changed(c.id(), c.initial(), prio(c.initialPeerBackup()));
            }
        }
        for (Subflow old : before.subflows().values()) {
            Subflow now = after.subflows().get(old.tuple());
            if (now == null) {
                sink.changed(old.connId(), old.tuple(), "removed");
            } else if (old.peerBackup() != now.peerBackup()) {
                sink.changed(old.connId(), old.tuple(), prio(now.peerBackup()));
            }
        }
    }

    private static String prio(boolean backup) {
        return backup ? "backup" : "regular";
    }

    private static boolean has(TcpSegment s, Class<? extends MptcpOption> kind) {
        return s.options().stream().anyMatch(o -> o instanceof TcpSegment.TcpOption.Mptcp m && kind.isInstance(m.option()));
    }

    /** A SYN (without ACK) carrying MP_JOIN. */
    public static boolean isJoinSyn(TcpSegment s) {
        return s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK) && s.options().stream()
                .anyMatch(o -> o instanceof TcpSegment.TcpOption.Mptcp m && m.option() instanceof MptcpOption.MpJoinSyn);
    }

    static boolean hasFastClose(TcpSegment s) {
        return s.options().stream()
                .anyMatch(o -> o instanceof TcpSegment.TcpOption.Mptcp m && m.option() instanceof MptcpOption.MpFastClose);
    }
}
