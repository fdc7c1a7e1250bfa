package org.mptcpverify.endpoint;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.AuthScheme.ConnRef;
import org.mptcpverify.scheme.AuthScheme.Hello;
import org.mptcpverify.scheme.AuthScheme.JoinMatch;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpFastClose;
import org.mptcpverify.wire.MptcpOption.MpJoinAck;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;
import org.mptcpverify.wire.MptcpOption.MpJoinSynAck;
import org.mptcpverify.wire.MptcpOption.MpTcpRst;
import org.mptcpverify.wire.MptcpOption.NewKey;
import org.mptcpverify.wire.TcpSegment;

/**
 * An MPTCP host as a pure step function {@code (state, event) -> (state, segments out)}, in client
 * and server roles at once, generic over the {@link AuthScheme}. Sequence numbers are real but not
 * validated: in-window injection on an existing subflow is out of scope (docs/threat-model.md).
 */
public final class MptcpEndpoint {
    /** The MP_TCPRST reasons the reference sends (RFC 8684 3.6; all seven: {@link MpTcpRst}). */
    public static final int RST_UNSPECIFIED = MpTcpRst.UNSPECIFIED;
    public static final int RST_MPTCP_ERROR = MpTcpRst.MPTCP_ERROR;
    public static final int RST_PROHIBITED = MpTcpRst.ADMINISTRATIVELY_PROHIBITED;

    private static final int WINDOW = 65535;

    private final AuthScheme scheme;

    public MptcpEndpoint(AuthScheme scheme) {
        this.scheme = scheme;
    }

    public AuthScheme scheme() {
        return scheme;
    }

    public StepResult step(EndpointState state, Event event) {
        Work w = new Work(state);
        if (event instanceof Event.Bind b) {
            w.bind(b);
        } else if (event instanceof Event.Connect c) {
            w.connect(c);
        } else if (event instanceof Event.Join j) {
            w.openJoin(j.connId(), j.local(), j.remote(), j.port(), new SplittableRandom(j.entropy()));
        } else if (event instanceof Event.Advertise a) {
            w.advertise(a);
        } else if (event instanceof Event.RemoveAddr r) {
            w.removeAddr(r);
        } else if (event instanceof Event.SetBackup b) {
            w.setBackup(b);
        } else if (event instanceof Event.ResetInitial r) {
            w.resetInitial(r);
        } else if (event instanceof Event.FastClose f) {
            w.fastClose(f);
        } else if (event instanceof Event.Receive r) {
            w.receive(r.segment(), new SplittableRandom(r.entropy()));
        }
        return new StepResult(w.freeze(), w.out, w.notes, w.checked);
    }

    /** A mutable copy of the state for the duration of one step. */
    private final class Work {
        final String host;
        final List<InetAddress> addresses;
        HostKeys hostKeys;
        final Map<Integer, KeySetting> listeners;
        final Map<Integer, Connection> conns;
        final Map<Tuple, Subflow> subflows;
        final Map<Tuple, HalfOpenJoin> halfOpen;
        int nextConnId;
        int nextPort;
        final JoinLimits joinLimits;
        final List<TcpSegment> out = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        /** The receiver's decision points the received segment reached (StepResult#checked). */
        final List<String> checked = new ArrayList<>();

        Work(EndpointState s) {
            host = s.host();
            addresses = s.addresses();
            hostKeys = s.hostKeys();
            listeners = new TreeMap<>(s.listeners());
            conns = new TreeMap<>(s.connections());
            subflows = new TreeMap<>(s.subflows());
            halfOpen = new TreeMap<>(s.halfOpen());
            nextConnId = s.nextConnId();
            nextPort = s.nextPort();
            joinLimits = s.joinLimits();
        }

        EndpointState freeze() {
            return new EndpointState(host, addresses, hostKeys, listeners, conns, subflows, halfOpen,
                    nextConnId, nextPort, joinLimits);
        }

        void note(String s) {
            notes.add(host + ": " + s);
        }

        /** The received segment (core kind {@code kind}) reached the decision {@code point}, accepted or not. */
        void reached(String kind, String point) {
            checked.add(kind + ":" + point);
        }

        // ---- sending -----------------------------------------------------------------------------

        void send(Tuple t, long seq, long ack, int flags, List<MptcpOption> options) {
            List<TcpSegment.TcpOption> opts = options.stream()
                    .<TcpSegment.TcpOption>map(TcpSegment.TcpOption.Mptcp::new).toList();
            out.add(new TcpSegment(t.localAddr(), t.remoteAddr(), t.localPort(), t.remotePort(),
                    seq & 0xffffffffL, ack & 0xffffffffL, flags, WINDOW, opts, Bytes.empty()));
        }

        void send(Tuple t, long seq, long ack, int flags, Optional<MptcpOption> option) {
            send(t, seq, ack, flags, option.map(List::of).orElse(List.of()));
        }

        /**
         * A connection-level option (ADD_ADDR, REMOVE_ADDR, MP_FASTCLOSE, NEW_KEY, echoes) goes on the
         * initial subflow while it is open, else on the oldest established join.
         */
        void sendOnConnection(Connection c, int flags, Optional<MptcpOption> option) {
            if (c.initialOpen()) {
                send(c.initial(), c.isn() + 1, c.peerIsn() + 1, flags, option);
                return;
            }
            subflows.values().stream().filter(sf -> sf.connId() == c.id() && sf.phase() == Subflow.Phase.ESTABLISHED)
                    .findFirst().ifPresent(sf -> send(sf.tuple(), sf.isn() + 1, sf.peerIsn() + 1, flags, option));
        }

        /** A reset, with MP_TCPRST when the scheme is v1-based. */
        void reset(Tuple t, long seq, long ack, int reason) {
            List<MptcpOption> opts = scheme.sendsTcpRst() ? List.of(new MpTcpRst(0, reason)) : List.of();
            send(t, seq, ack, TcpSegment.RST | (ack != 0 ? TcpSegment.ACK : 0), opts);
        }

        /** Reply with a RST to a segment no socket wants (plain TCP behaviour). */
        void resetUnknown(TcpSegment s) {
            Tuple t = Tuple.ofArriving(s);
            if (s.has(TcpSegment.ACK)) {
                send(t, s.ack(), 0, TcpSegment.RST, List.of());
            } else {
                send(t, 0, s.seq() + 1, TcpSegment.RST | TcpSegment.ACK, List.of());
            }
        }

        /**
         * The position of {@code a} among this host's addresses: the id of a join's SYN (Linux sends
         * the local endpoint's id there) and of a SYN/ACK on an address the connection never announced.
         */
        int addressId(InetAddress a) {
            int i = addresses.indexOf(a);
            return Math.max(i, 0);
        }

        List<ConnRef> joinableConns() {
            List<ConnRef> refs = new ArrayList<>();
            for (Connection c : conns.values()) {
                if (c.role() == Role.B && c.established() && scheme.joinsAllowed(c.keys())) {
                    refs.add(new ConnRef(c.id(), c.keys()));
                }
            }
            return refs;
        }

        Optional<Connection> connByInitial(Tuple t) {
            return conns.values().stream().filter(c -> c.initial().equals(t)).findFirst();
        }

        /** The connection a segment on tuple {@code t} belongs to (initial or joined subflow). */
        Optional<Connection> connOf(Tuple t) {
            Optional<Connection> c = connByInitial(t);
            if (c.isPresent()) {
                return c;
            }
            Subflow sf = subflows.get(t);
            return sf == null ? Optional.empty() : Optional.ofNullable(conns.get(sf.connId()));
        }

        // ---- application calls ------------------------------------------------------------------------

        void bind(Event.Bind b) {
            listeners.put(b.port(), b.setting());
            hostKeys = scheme.onBindOrConnect(hostKeys, b.setting());
            note("bind()+listen() on port " + b.port() + keyNote(b.setting()));
        }

        String keyNote(KeySetting s) {
            return s.isNone() ? " without external key" : " with an external key";
        }

        void connect(Event.Connect c) {
            SplittableRandom rnd = new SplittableRandom(c.entropy());
            hostKeys = scheme.onBindOrConnect(hostKeys, c.setting());
            Hello h = scheme.clientSyn(scheme.socketKey(c.setting()), rnd);
            Tuple t = new Tuple(c.local(), nextPort++, c.remote(), c.port());
            long isn = rnd.nextLong() & 0xffffffffL;
            Connection conn = new Connection(nextConnId++, Role.A, t, ConnPhase.SYN_SENT, h.keys(), isn, 0, 0, Map.of());
            conns.put(conn.id(), conn);
            send(t, isn, 0, TcpSegment.SYN, h.option());
            note("connect()" + keyNote(c.setting()) + ": SYN" + (h.option().isPresent() ? "+MP_CAPABLE" : " (no MP_CAPABLE)"));
        }

        void openJoin(int connId, InetAddress local, InetAddress remote, int port, SplittableRandom rnd) {
            Connection c = conns.get(connId);
            if (c == null || !c.established() || !scheme.joinsAllowed(c.keys())) {
                note("cannot open a join on connection " + connId + " (not an established MPTCP connection that allows joins)");
                return;
            }
            int index = c.joinsOpened() + 1;
            int field = scheme.joinTokenField(c.keys(), index, hostKeys);
            int rA = rnd.nextInt();
            long isn = rnd.nextLong() & 0xffffffffL;
            Tuple t = new Tuple(local, nextPort++, remote, port);
            conns.put(connId, c.withJoinsOpened(index));
            subflows.put(t, new Subflow(t, connId, Subflow.Phase.SYN_SENT, rA, 0, field, isn, 0, 0, false));
            send(t, isn, 0, TcpSegment.SYN,
                    Optional.of(new MpJoinSyn(scheme.joinFlags(c.keys()), addressId(local), field, rA)));
            note("SYN+MP_JOIN #" + index + " " + local.getHostAddress() + " -> " + remote.getHostAddress());
        }

        void advertise(Event.Advertise a) {
            Connection c = conns.get(a.connId());
            if (c == null || !c.established() || !c.isMptcp()) {
                note("cannot advertise on connection " + a.connId());
                return;
            }
            if (!scheme.hasAuthenticationKeys(c.keys())) {
                // mptls before the peer's share arrived (an attacker on path in the key agreement
                // dropped it): nothing to authenticate an address with
                note("cannot advertise on connection " + a.connId() + " before its key agreement completed");
                return;
            }
            sendOnConnection(c, TcpSegment.ACK, Optional.of(scheme.addAddr(c.keys(), a.addrId(), a.addr(), a.port())));
            conns.put(c.id(), c.withAnnounced(a.addrId(), new Connection.Announced(a.addr(), a.port())));
            note("ADD_ADDR(" + a.addr().getHostAddress() + ", id " + a.addrId() + ")");
        }

        void removeAddr(Event.RemoveAddr r) {
            Connection c = conns.get(r.connId());
            if (c == null || !c.established() || !c.isMptcp()) {
                note("cannot remove an address on connection " + r.connId());
                return;
            }
            if (!scheme.hasAuthenticationKeys(c.keys())) {
                note("cannot remove an address on connection " + r.connId() + " before its key agreement completed");
                return;
            }
            sendOnConnection(c, TcpSegment.ACK, Optional.of(scheme.removeAddr(c.keys(), List.of(r.addrId()))));
            conns.put(c.id(), c.withoutAnnounced(r.addrId()));
            note("REMOVE_ADDR(id " + r.addrId() + ")");
        }

        /**
         * REMOVE_ADDR (unauthenticated in RFC 8684), acted on at once as Linux 6.18 does: every subflow
         * whose remote address id (from the peer's MP_JOIN) is named is closed, id 0 being the initial
         * subflow; so is every subflow to an address accepted under that id by ADD_ADDR (the id the
         * peer's SYN/ACK repeats, unless the peer numbers its addresses otherwise), and that address
         * is forgotten. RFC 8684 3.4.2 says the
         * receiver SHOULD first probe the path with a keepalive and keep it if answered; Linux does
         * not, and neither does the reference. As Linux, the subflow is closed gracefully: FIN + ACK
         * with a DSS data ACK.
         */
        void onRemoveAddr(int connId, MptcpOption.RemoveAddr r) {
            reached("REMOVE_ADDR", "authenticator");
            if (!scheme.removeAddrOk(conns.get(connId).keys(), r)) {
                note("REMOVE_ADDR(ids " + r.addressIds() + ") rejected (authenticator)");
                return;
            }
            for (int id : r.addressIds()) {
                Connection c = conns.get(connId);
                InetAddress gone = c.remoteAddrs().get(id);
                if (gone != null) {
                    conns.put(connId, c.withoutRemoteAddr(id));
                }
                List<String> closed = new ArrayList<>();
                for (Subflow sf : List.copyOf(subflows.values())) {
                    boolean named = sf.remoteAddrId() == id || sf.tuple().remoteAddr().equals(gone);
                    if (sf.connId() == connId && named && sf.phase() != Subflow.Phase.SYN_SENT) {
                        subflows.remove(sf.tuple());
                        send(sf.tuple(), sf.isn() + 1, sf.peerIsn() + 1, TcpSegment.FIN | TcpSegment.ACK, dataAck(c));
                        closed.add(sf.tuple().toString());
                    }
                }
                if (id == 0 && c.initialOpen()) {
                    closed.add(c.initial() + " (initial)");
                    send(c.initial(), c.isn() + 1, c.peerIsn() + 1, TcpSegment.FIN | TcpSegment.ACK, dataAck(c));
                    initialClosed(conns.get(connId));
                }
                note("REMOVE_ADDR(id " + id + ")" + (gone == null ? "" : ": forgot " + gone.getHostAddress())
                        + (closed.isEmpty() ? ", no subflow to close" : ", closed " + String.join(", ", closed)));
            }
            closeIfNoSubflowLeft(connId);
        }

        /**
         * The initial subflow is gone; as in Linux the connection lives on while it has another
         * established subflow, and is closed otherwise.
         */
        void initialClosed(Connection c) {
            boolean others = subflows.values().stream()
                    .anyMatch(sf -> sf.connId() == c.id() && sf.phase() == Subflow.Phase.ESTABLISHED);
            if (others) {
                conns.put(c.id(), c.withInitialClosed());
            } else {
                closeConnection(c.withInitialClosed(), false);
            }
        }

        void setBackup(Event.SetBackup b) {
            Connection c = conns.get(b.connId());
            if (c == null || !c.established() || !c.isMptcp() || !c.initialOpen()) {
                note("cannot send MP_PRIO on the initial subflow of connection " + b.connId());
                return;
            }
            if (!scheme.hasAuthenticationKeys(c.keys())) {
                note("cannot send MP_PRIO on connection " + b.connId() + " before its key agreement completed");
                return;
            }
            sendOnConnection(c, TcpSegment.ACK, Optional.of(scheme.mpPrio(c.keys(), b.backup())));
            note("MP_PRIO(" + (b.backup() ? "backup" : "regular") + ") on the initial subflow");
        }

        void resetInitial(Event.ResetInitial r) {
            Connection c = conns.get(r.connId());
            if (c == null || !c.established() || !c.initialOpen()) {
                note("no open initial subflow to reset on connection " + r.connId());
                return;
            }
            send(c.initial(), c.isn() + 1, 0, TcpSegment.RST, List.of());
            note("RST on the initial subflow");
            initialClosed(c);
        }

        void fastClose(Event.FastClose f) {
            Connection c = conns.get(f.connId());
            if (c == null || !c.established() || !c.isMptcp()) {
                note("cannot fast-close connection " + f.connId());
                return;
            }
            if (!scheme.hasAuthenticationKeys(c.keys())) {
                note("cannot fast-close connection " + f.connId() + " before its key agreement completed");
                return;
            }
            sendOnConnection(c, TcpSegment.ACK, Optional.of(scheme.fastClose(c.keys())));
            conns.put(c.id(), c.withPhase(ConnPhase.CLOSED));
            note("MP_FASTCLOSE, connection closed");
        }

        // ---- arriving segments ---------------------------------------------------------------------------

        void receive(TcpSegment s, SplittableRandom rnd) {
            List<MptcpOption> opts = s.options().stream()
                    .filter(TcpSegment.TcpOption.Mptcp.class::isInstance)
                    .map(o -> ((TcpSegment.TcpOption.Mptcp) o).option()).toList();
            Tuple t = Tuple.ofArriving(s);
            if (s.has(TcpSegment.RST)) {
                onReset(t, opts);
            } else if (s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK)) {
                Optional<MpJoinSyn> join = first(opts, MpJoinSyn.class);
                if (join.isPresent()) {
                    onJoinSyn(s, t, join.get(), rnd);
                } else {
                    onSyn(s, t, opts, rnd);
                }
            } else if (s.has(TcpSegment.SYN)) {
                onSynAck(s, t, opts, rnd);
            } else if (s.has(TcpSegment.ACK)) {
                onAck(s, t, opts, rnd);
            }
        }

        <T extends MptcpOption> Optional<T> first(List<MptcpOption> opts, Class<T> type) {
            return opts.stream().filter(type::isInstance).map(type::cast).findFirst();
        }

        Optional<MptcpOption> capable(List<MptcpOption> opts) {
            return opts.stream().filter(o -> o.subtype() == MptcpOption.SUBTYPE_MP_CAPABLE).findFirst();
        }

        /**
         * A RST closes its subflow. As in Linux, options on a RST are read: a valid MP_FASTCLOSE on
         * it closes the whole connection (RST on its other subflows); a reset of the initial
         * subflow alone leaves the connection on its other subflows.
         */
        void onReset(Tuple t, List<MptcpOption> opts) {
            // every reason (RFC 8684 3.6) is informational: the subflow closes whatever it says; the
            // note keeps its number only (committed counterexamples quote it)
            String why = first(opts, MpTcpRst.class).map(r -> " (MP_TCPRST reason " + r.reason() + ")").orElse("");
            Optional<Connection> owner = connOf(t).filter(c -> c.established() && c.isMptcp()
                    && (!c.initial().equals(t) || c.initialOpen()));
            Optional<MpFastClose> fc = first(opts, MpFastClose.class);
            if (owner.isPresent() && fc.isPresent()) {
                reached("FASTCLOSE", "value");
                if (scheme.fastCloseOk(owner.get().keys(), fc.get())) {
                    Connection c = owner.get();
                    subflows.remove(t);
                    closeConnection(c.initial().equals(t) ? c.withInitialClosed() : c, true);
                    note("RST + MP_FASTCLOSE accepted: connection " + c.id() + " closed, RST on its other subflows");
                    return;
                }
                note("RST + MP_FASTCLOSE rejected (value does not match); the RST closes its subflow only");
            }
            if (subflows.containsKey(t)) {
                Subflow sf = subflows.remove(t);
                note("subflow " + t + (sf.phase() == Subflow.Phase.ESTABLISHED ? " reset" : " join reset") + why);
                closeIfNoSubflowLeft(sf.connId());
                return;
            }
            if (halfOpen.remove(t) != null) {
                note("half-open join " + t + " reset by peer" + why);
                return;
            }
            Optional<Connection> c = connByInitial(t);
            if (c.isPresent() && c.get().initialOpen()) {
                if (c.get().phase() == ConnPhase.SYN_SENT) {
                    conns.put(c.get().id(), c.get().withPhase(ConnPhase.REFUSED));
                    note("connection refused" + why);
                } else if (c.get().phase() != ConnPhase.CLOSED) {
                    initialClosed(c.get());
                    note(conns.get(c.get().id()).phase() == ConnPhase.CLOSED ? "connection reset" + why
                            : "initial subflow reset" + why + "; connection " + c.get().id() + " continues on its other subflows");
                }
            }
        }

        void onSyn(TcpSegment s, Tuple t, List<MptcpOption> opts, SplittableRandom rnd) {
            KeySetting listener = listeners.get(t.localPort());
            if (listener == null) {
                resetUnknown(s);
                note("SYN to closed port " + t.localPort() + ": RST");
                return;
            }
            Optional<Connection> existing = connByInitial(t);
            if (existing.isPresent()) {
                return; // a retransmitted SYN; the SYN/ACK already went out
            }
            reached("MPC_SYN", "negotiation");
            Hello h = scheme.serverSynAck(capable(opts), scheme.socketKey(listener), rnd, this::tokenInUse);
            long isn = rnd.nextLong() & 0xffffffffL;
            Connection c = new Connection(nextConnId++, Role.B, t, ConnPhase.SYN_RCVD, h.keys(), isn, s.seq(), 0, Map.of());
            conns.put(c.id(), c);
            if (h.option().isPresent()) {
                hostKeys = scheme.onServerConnectionCreated(hostKeys, h.keys());
            }
            send(t, isn, s.seq() + 1, TcpSegment.SYN | TcpSegment.ACK, h.option());
            note("SYN on port " + t.localPort() + ": SYN/ACK" + (h.option().isPresent() ? "+MP_CAPABLE" : " without MP_CAPABLE (plain TCP)"));
        }

        boolean tokenInUse(int token) {
            return conns.values().stream().anyMatch(c -> c.role() == Role.B && c.keys().localToken() == token);
        }

        void onJoinSyn(TcpSegment s, Tuple t, MpJoinSyn syn, SplittableRandom rnd) {
            HalfOpenJoin pending = halfOpen.get(t);
            if (pending != null) {
                if (pending.tokenField() == syn.receiverToken() && pending.rA() == syn.senderRandom()) {
                    sendJoinSynAck(pending); // retransmission: answered from the existing state
                    note("retransmitted SYN+MP_JOIN answered from its half-open state");
                } else {
                    reset(t, 0, s.seq() + 1, RST_MPTCP_ERROR);
                    note("SYN+MP_JOIN reusing a half-open tuple: RST");
                }
                return;
            }
            reached("JOIN_SYN", "lookup");
            Optional<JoinMatch> m = scheme.lookupJoin(syn.receiverToken(), joinableConns(), hostKeys);
            if (m.isEmpty()) {
                reset(t, 0, s.seq() + 1, RST_MPTCP_ERROR);
                note("SYN+MP_JOIN from " + t.remoteAddr().getHostAddress() + " with token field "
                        + hex(syn.receiverToken()) + ": no connection, RST");
                return;
            }
            Connection c = conns.get(m.get().connId());
            long open = halfOpen.values().stream().filter(h -> h.connId() == c.id()).count();
            OptionalInt bound = joinLimits.halfOpenPerConnection();
            if (bound.isPresent() && open >= scheme.halfOpenLimit(bound.getAsInt())) {
                reset(t, 0, s.seq() + 1, RST_PROHIBITED);
                note("SYN+MP_JOIN for connection " + c.id() + ": half-open limit " + bound.getAsInt() + " reached, RST");
                return;
            }
            conns.put(c.id(), c.withKeys(m.get().keys()));
            int rB = rnd.nextInt();
            long isn = rnd.nextLong() & 0xffffffffL;
            long hmac = scheme.synAckHmac(m.get().keys(), syn.senderRandom(), rB, t.localAddr());
            HalfOpenJoin h = new HalfOpenJoin(t, c.id(), syn.receiverToken(), syn.senderRandom(), rB, hmac,
                    c.localAddressId(t).orElse(addressId(t.localAddr())), isn, s.seq(), syn.addressId(),
                    (syn.flags() & MptcpOption.JOIN_FLAG_BACKUP) != 0);
            halfOpen.put(t, h);
            sendJoinSynAck(h);
            note("SYN+MP_JOIN from " + t.remoteAddr().getHostAddress() + " matched connection " + c.id()
                    + ": half-open, SYN/ACK+MP_JOIN");
        }

        void sendJoinSynAck(HalfOpenJoin h) {
            Connection c = conns.get(h.connId());
            send(h.tuple(), h.isn(), h.peerIsn() + 1, TcpSegment.SYN | TcpSegment.ACK,
                    Optional.of(new MpJoinSynAck(scheme.joinFlags(c.keys()), h.addressId(), h.synAckHmac(), h.rB())));
        }

        void onSynAck(TcpSegment s, Tuple t, List<MptcpOption> opts, SplittableRandom rnd) {
            Subflow sf = subflows.get(t);
            if (sf != null && sf.phase() == Subflow.Phase.SYN_SENT) {
                onJoinSynAck(s, t, sf, first(opts, MpJoinSynAck.class));
                return;
            }
            Optional<Connection> oc = connByInitial(t);
            if (oc.isEmpty() || oc.get().phase() != ConnPhase.SYN_SENT) {
                if (oc.isEmpty() && sf == null) {
                    resetUnknown(s);
                    note("SYN/ACK for no socket from " + t.remoteAddr().getHostAddress() + ": RST");
                }
                return;
            }
            Connection c = oc.get();
            reached("MPC_SYNACK", "negotiation");
            Hello h = scheme.clientThirdAck(c.keys(), capable(opts), rnd);
            c = c.withKeys(h.keys()).withPeerIsn(s.seq()).withPhase(ConnPhase.ESTABLISHED);
            conns.put(c.id(), c);
            send(t, c.isn() + 1, s.seq() + 1, TcpSegment.ACK, h.option());
            note("SYN/ACK" + (capable(opts).isPresent() ? "+MP_CAPABLE" : "") + ": third ACK, "
                    + (c.isMptcp() ? "MPTCP connection" : "plain TCP (fallback)"));
            sendKeyAgreement(c);
        }

        void sendKeyAgreement(Connection c) {
            if (!c.isMptcp()) {
                return;
            }
            Optional<MptcpOption> ka = scheme.keyAgreement(c.keys());
            if (ka.isPresent()) {
                sendOnConnection(c, TcpSegment.ACK, ka);
                note(ka.get() instanceof MptcpOption.KeyShare ? "key share" : "NEW_KEY");
            }
        }

        void onJoinSynAck(TcpSegment s, Tuple t, Subflow sf, Optional<MpJoinSynAck> opt) {
            Connection c = conns.get(sf.connId());
            if (opt.isEmpty() || c == null || c.phase() != ConnPhase.ESTABLISHED) {
                subflows.remove(t);
                reset(t, sf.isn() + 1, s.seq() + 1, RST_MPTCP_ERROR);
                note("join SYN/ACK without MP_JOIN: RST");
                return;
            }
            int rB = opt.get().senderRandom();
            reached("JOIN_SYNACK", "hmac");
            if (!scheme.synAckHmacOk(c.keys(), sf.localNonce(), rB, opt.get().truncatedHmac(), c.initial().remoteAddr())) {
                subflows.remove(t);
                reset(t, sf.isn() + 1, s.seq() + 1, RST_MPTCP_ERROR);
                note("join SYN/ACK with a bad HMAC: RST");
                return;
            }
            subflows.put(t, sf.withPeer(rB, s.seq(), opt.get().addressId())
                    .withPeerBackup((opt.get().flags() & MptcpOption.JOIN_FLAG_BACKUP) != 0)
                    .withPhase(Subflow.Phase.ACK_SENT));
            send(t, sf.isn() + 1, s.seq() + 1, TcpSegment.ACK,
                    Optional.of(new MpJoinAck(scheme.thirdAckHmac(c.keys(), sf.localNonce(), rB))));
            note("join SYN/ACK HMAC good: third ACK+MP_JOIN");
        }

        void onAck(TcpSegment s, Tuple t, List<MptcpOption> opts, SplittableRandom rnd) {
            Optional<MpJoinAck> joinAck = first(opts, MpJoinAck.class);
            HalfOpenJoin h = halfOpen.get(t);
            if (joinAck.isPresent()) {
                Subflow joined = subflows.get(t);
                Optional<Connection> owner = joined == null ? Optional.empty() : Optional.ofNullable(conns.get(joined.connId()));
                if (h == null && joined != null && joined.phase() == Subflow.Phase.ESTABLISHED && owner.isPresent()) {
                    // A retransmitted third ACK (our ACK of it was lost or late): Linux ACKs it again
                    // on the established join; a RST would kill a subflow the peer rightly holds.
                    send(t, joined.isn() + 1, joined.peerIsn() + 1, TcpSegment.ACK, dataAck(owner.get()));
                    note("retransmitted third ACK+MP_JOIN on the established join " + t + ": ACK");
                } else if (h == null) {
                    resetUnknown(s);
                    note("third ACK+MP_JOIN without half-open state: RST");
                } else {
                    onJoinThirdAck(t, h, joinAck.get());
                }
                return;
            }
            Subflow sf = subflows.get(t);
            if (sf != null && s.has(TcpSegment.FIN) && sf.phase() == Subflow.Phase.ESTABLISHED) {
                // the peer closed this subflow (e.g. on a REMOVE_ADDR); the connection keeps its others
                subflows.remove(t);
                note("subflow " + t + " closed by the peer (FIN)");
                closeIfNoSubflowLeft(sf.connId());
                return;
            }
            if (sf != null && sf.phase() == Subflow.Phase.ACK_SENT) {
                subflows.put(t, sf.withPhase(Subflow.Phase.ESTABLISHED));
                note("join " + t.localAddr().getHostAddress() + " -> " + t.remoteAddr().getHostAddress() + " established");
            }
            Optional<Connection> oc = connOf(t);
            if (oc.isEmpty()) {
                return;
            }
            Connection c = oc.get();
            if (c.initial().equals(t) && !c.initialOpen()) {
                resetUnknown(s);
                note("segment on the closed initial subflow " + t + ": RST");
                return;
            }
            if (c.role() == Role.B && c.phase() == ConnPhase.SYN_RCVD && c.initial().equals(t)) {
                reached("MPC_ACK", "negotiation");
                c = c.withKeys(scheme.serverEstablished(c.keys(), capable(opts))).withPhase(ConnPhase.ESTABLISHED);
                conns.put(c.id(), c);
                note("third ACK" + (capable(opts).isPresent() ? "+MP_CAPABLE" : "") + ": "
                        + (c.isMptcp() ? "MPTCP connection " + c.id() : "plain TCP connection " + c.id()));
                sendKeyAgreement(c);
                return;
            }
            if (c.phase() != ConnPhase.ESTABLISHED || !c.isMptcp()) {
                return;
            }
            for (MptcpOption o : opts) {
                if (o instanceof NewKey || o instanceof MptcpOption.KeyShare) {
                    onNewKey(c.id(), o);
                } else if (o instanceof AddAddr a) {
                    onAddAddr(c.id(), a, rnd);
                } else if (o instanceof MpFastClose f) {
                    onFastClose(c.id(), f);
                } else if (o instanceof MptcpOption.RemoveAddr r) {
                    onRemoveAddr(c.id(), r);
                } else if (o instanceof MptcpOption.MpPrio p) {
                    onMpPrio(c.id(), t, p);
                } else if (o instanceof MptcpOption.MpFail f) {
                    onFallback(c.id(), t, "MP_FAIL(DSN " + Long.toUnsignedString(f.dataSequence()) + ")",
                            OptionalLong.of(f.dataSequence()));
                } else if (o instanceof MptcpOption.Dss d && isInfiniteMapping(d)) {
                    onFallback(c.id(), t, "infinite mapping", OptionalLong.empty());
                }
                if (!conns.get(c.id()).isMptcp()) {
                    return; // fell back: the rest of the segment's MPTCP options are not read
                }
            }
        }

        /**
         * RFC 8684 3.7, receive side: MP_FAIL on an ACK (the peer found a bad DSS checksum on the
         * connection's only subflow) or an infinite mapping (the peer fell back) turns the
         * connection into a plain TCP connection on its initial subflow: no joins are opened or
         * accepted for it and later MPTCP options on it are ignored. The receiver of MP_FAIL answers
         * with an infinite mapping at the data sequence number the MP_FAIL names. The reference
         * carries no data, so it never detects a checksum failure itself (it never sends MP_FAIL).
         * With another subflow established, RFC 8684 has the peer send MP_FAIL on a RST, which
         * closes that subflow only (onReset); an MP_FAIL on an ACK then is not acted on.
         */
        void onFallback(int connId, Tuple t, String what, OptionalLong failedDsn) {
            Connection c = conns.get(connId);
            if (!c.initial().equals(t) || !c.initialOpen() || establishedJoins(connId) > 0) {
                note(what + " on " + t + " while the connection has other subflows: not acted on (RFC 8684 3.7)");
                return;
            }
            conns.put(connId, c.withKeys(c.keys().withMptcp(false)));
            halfOpen.values().removeIf(h -> h.connId() == connId);
            subflows.values().removeIf(sf -> sf.connId() == connId);
            if (failedDsn.isPresent()) {
                send(t, c.isn() + 1, c.peerIsn() + 1, TcpSegment.ACK, List.of(infiniteMapping(failedDsn.getAsLong())));
            }
            note(what + ": connection " + connId + " falls back to an infinite mapping, plain TCP on its initial subflow"
                    + (failedDsn.isPresent() ? "; infinite mapping sent" : ""));
        }

        void onJoinThirdAck(Tuple t, HalfOpenJoin h, MpJoinAck ack) {
            halfOpen.remove(t);
            reached("JOIN_ACK", "hmac");
            Connection c = conns.get(h.connId());
            if (c == null || c.phase() != ConnPhase.ESTABLISHED
                    || !scheme.thirdAckHmacOk(c.keys(), h.rA(), h.rB(), ack.hmac())) {
                reset(t, h.isn() + 1, 0, RST_MPTCP_ERROR);
                note("third ACK+MP_JOIN with a bad HMAC: RST (MP_TCPRST reason " + RST_MPTCP_ERROR + ")");
                return;
            }
            OptionalInt limit = joinLimits.subflowsPerConnection();
            if (limit.isPresent() && establishedJoins(c.id()) >= limit.getAsInt()) {
                reset(t, h.isn() + 1, 0, RST_PROHIBITED);
                note("third ACK+MP_JOIN HMAC good, but connection " + c.id() + " has its " + limit.getAsInt()
                        + " subflows: RST (MP_TCPRST reason " + RST_PROHIBITED + ")");
                return;
            }
            subflows.put(t, new Subflow(t, c.id(), Subflow.Phase.ESTABLISHED, h.rB(), h.rA(), h.tokenField(),
                    h.isn(), h.peerIsn(), h.remoteAddrId(), h.peerBackup()));
            // As Linux: the ACK of the third ACK carries a DSS data ACK (a join subflow whose first ACK
            // has no MPTCP option looks like option stripping to a Linux client).
            send(t, h.isn() + 1, h.peerIsn() + 1, TcpSegment.ACK, dataAck(c));
            note("third ACK+MP_JOIN HMAC good: subflow from " + t.remoteAddr().getHostAddress()
                    + " attached to connection " + c.id() + ", ACK");
        }

        /** A DSS with the 32-bit data ACK IDSN(peer) + 1 (no data is modelled), when the scheme defines an IDSN. */
        List<MptcpOption> dataAck(Connection c) {
            OptionalLong idsn = scheme.peerIdsn(c.keys());
            return idsn.isEmpty() ? List.of() : List.of(new MptcpOption.Dss(MptcpOption.Dss.F_ACK,
                    OptionalLong.of((idsn.getAsLong() + 1) & 0xffffffffL), OptionalLong.empty(), OptionalLong.empty(),
                    OptionalInt.empty(), OptionalInt.empty()));
        }

        /** A connection whose initial subflow is closed ends with its last join. */
        void closeIfNoSubflowLeft(int connId) {
            Connection c = conns.get(connId);
            if (c != null && !c.initialOpen() && c.phase() != ConnPhase.CLOSED && establishedJoins(connId) == 0) {
                closeConnection(c, false);
                note("connection " + connId + " closed: its last subflow is gone");
            }
        }

        long establishedJoins(int connId) {
            return subflows.values().stream()
                    .filter(sf -> sf.connId() == connId && sf.phase() == Subflow.Phase.ESTABLISHED).count();
        }

        /**
         * MP_PRIO (unauthenticated in RFC 8684): the peer asks that the subflow it arrived on be used
         * as backup (or regular) from now on; Linux applies it to that subflow (MPTcpExtMPPrioRx).
         */
        void onMpPrio(int connId, Tuple t, MptcpOption.MpPrio p) {
            reached("MP_PRIO", "authenticator");
            Connection c = conns.get(connId);
            if (!scheme.mpPrioOk(c.keys(), p)) {
                note("MP_PRIO(" + (p.backup() ? "backup" : "regular") + ") rejected (authenticator)");
                return;
            }
            if (c.initial().equals(t)) {
                conns.put(connId, c.withInitialPeerBackup(p.backup()));
            } else {
                Subflow sf = subflows.get(t);
                if (sf == null) {
                    return;
                }
                subflows.put(t, sf.withPeerBackup(p.backup()));
            }
            note("MP_PRIO: subflow " + t + " is " + (p.backup() ? "backup" : "regular") + " for the peer from now on");
        }

        void onNewKey(int connId, MptcpOption nk) {
            Connection c = conns.get(connId);
            ConnKeys k = scheme.onKeyAgreement(c.keys(), nk);
            conns.put(connId, c.withKeys(k));
            note(nk instanceof NewKey ? "NEW_KEY from peer " + (k.keyActive() ? "matches: external key active" : "does not match")
                    : "key share from peer: " + (k.keyActive() ? "connection keys agreed" : "no secret"));
        }

        void onAddAddr(int connId, AddAddr a, SplittableRandom rnd) {
            Connection c = conns.get(connId);
            if ((a.flags() & MptcpOption.ADD_ADDR_FLAG_ECHO) != 0 && a.version() == 1) {
                return; // an echo
            }
            reached("ADD_ADDR", "authenticator");
            if (!scheme.addAddrOk(c.keys(), a)) {
                note("ADD_ADDR(" + a.address().getHostAddress() + ", id " + a.addressId() + ") rejected (authenticator)");
                return;
            }
            if (c.remoteAddrs().containsValue(a.address())) {
                return;
            }
            c = c.withRemoteAddr(a.addressId(), a.address());
            conns.put(connId, c);
            note("ADD_ADDR(" + a.address().getHostAddress() + ", id " + a.addressId() + ") accepted");
            if (a.version() == 1) {
                sendOnConnection(c, TcpSegment.ACK, Optional.of(new AddAddr(1,
                        MptcpOption.ADD_ADDR_FLAG_ECHO, a.addressId(), a.address(), a.port(), OptionalLong.empty())));
            }
            if (c.role() == Role.A) {
                // full-mesh path manager: join the new address from this host's last address
                int port = a.port().isPresent() ? a.port().getAsInt() : c.initial().remotePort();
                openJoin(connId, addresses.get(addresses.size() - 1), a.address(), port, rnd);
            }
        }

        void onFastClose(int connId, MpFastClose f) {
            Connection c = conns.get(connId);
            reached("FASTCLOSE", "value");
            if (!scheme.fastCloseOk(c.keys(), f)) {
                note("MP_FASTCLOSE rejected (value does not match)");
                return;
            }
            closeConnection(c, true);
            note("MP_FASTCLOSE accepted: connection " + connId + " closed, RST on its subflows");
        }

        void closeConnection(Connection c, boolean sendResets) {
            conns.put(c.id(), c.withPhase(ConnPhase.CLOSED));
            // Linux answers MP_FASTCLOSE with RST + MP_TCPRST reason 0 (docs/kernel.md)
            if (sendResets && c.initialOpen()) {
                reset(c.initial(), c.isn() + 1, c.peerIsn() + 1, RST_UNSPECIFIED);
            }
            for (Subflow sf : List.copyOf(subflows.values())) {
                if (sf.connId() == c.id()) {
                    subflows.remove(sf.tuple());
                    if (sendResets) {
                        reset(sf.tuple(), sf.isn() + 1, sf.peerIsn() + 1, RST_UNSPECIFIED);
                    }
                }
            }
            halfOpen.values().removeIf(h -> h.connId() == c.id());
        }
    }

    /**
     * RFC 8684 3.3.1: the infinite mapping, a DSS mapping with data-level length 0 and subflow
     * sequence number 0, here at {@code dsn} (the data sequence number an MP_FAIL named).
     */
    public static MptcpOption.Dss infiniteMapping(long dsn) {
        return infiniteMapping(dsn, false);
    }

    /**
     * The same on a connection that negotiated DSS checksums (which the reference never does):
     * the checksum field is present and zero, as RFC 8684 3.3.1 asks for the infinite mapping.
     */
    public static MptcpOption.Dss infiniteMapping(long dsn, boolean checksumField) {
        return new MptcpOption.Dss(MptcpOption.Dss.F_MAPPING | MptcpOption.Dss.F_DSN8, OptionalLong.empty(),
                OptionalLong.of(dsn), OptionalLong.of(0), OptionalInt.of(0),
                checksumField ? OptionalInt.of(0) : OptionalInt.empty());
    }

    static boolean isInfiniteMapping(MptcpOption.Dss d) {
        return d.dataLevelLength().isPresent() && d.dataLevelLength().getAsInt() == 0
                && (d.flags() & MptcpOption.Dss.F_DATA_FIN) == 0;
    }

    static String hex(int v) {
        return String.format("%08x", v);
    }
}
