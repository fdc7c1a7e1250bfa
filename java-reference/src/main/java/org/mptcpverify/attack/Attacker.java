package org.mptcpverify.attack;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.scheme.AttackerView;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.scheme.SchemeCrypto;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpFastClose;
import org.mptcpverify.wire.MptcpOption.MpJoinAck;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;
import org.mptcpverify.wire.MptcpOption.MpJoinSynAck;
import org.mptcpverify.wire.TcpSegment;

// Exchange-level attacker: used only by trace/ReferenceRunner (the legacy Alloy engine's alloy.json replay and
// its tests); deleted with that engine (docs/traces-engine.md, "Exchange-level attacker: remaining users").
/**
 * The active attacker at {@code x.a}: builds every forged field from its {@link Knowledge} with
 * the scheme's public algorithms, answers its own forged joins, and relays joins it lured to
 * itself. A value it cannot derive is replaced by one made with its own key (a guess that the
 * checks must reject), and said so in the notes.
 */
public final class Attacker {
    public static final InetAddress HOME = Addresses.of("x.a");

    private record ForgedJoin(int rA, long isn, AttackerView view) {}

    /** A join relayed between the client (inside) and the server (outside). */
    private record Relay(InetAddress clientAddr, int clientPort, int relayPort, InetAddress serverAddr, int serverPort) {}

    private final AuthScheme scheme;
    private final Knowledge knowledge;
    private final Map<Integer, ForgedJoin> forged = new HashMap<>();
    private final List<Relay> relays = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int nextPort = 50000;

    public Attacker(AuthScheme scheme, Knowledge knowledge) {
        this.scheme = scheme;
        this.knowledge = knowledge;
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    /** What it did since the last call. */
    public List<String> drainNotes() {
        List<String> n = List.copyOf(notes);
        notes.clear();
        return n;
    }

    private void note(String s) {
        notes.add("x: " + s);
    }

    private static TcpSegment segment(InetAddress src, int sport, InetAddress dst, int dport, long seq, long ack,
                                      int flags, MptcpOption o) {
        return new TcpSegment(src, dst, sport, dport, seq & 0xffffffffL, ack & 0xffffffffL, flags, 65535,
                List.of(new TcpSegment.TcpOption.Mptcp(o)), Bytes.empty());
    }

    /** A guess keyed with its own key, for a value it cannot derive. */
    private byte[] guess(byte[] msg) {
        return SchemeCrypto.hmac(HashAlg.SHA256, SchemeCrypto.be64(knowledge.ownKey()), msg);
    }

    // ---- ForgeJoin --------------------------------------------------------------------------------

    /** The SYN+MP_JOIN of ForgeJoin, or empty when it cannot build the token field. */
    public Optional<TcpSegment> forgeJoinSyn(String client, InetAddress server, int port, SplittableRandom rnd) {
        AttackerView v = knowledge.view(client, scheme);
        OptionalInt field = scheme.forgeJoinToken(v);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        int rA = rnd.nextInt();
        long isn = rnd.nextLong();
        int sport = nextPort++;
        forged.put(sport, new ForgedJoin(rA, isn, v));
        note("SYN+MP_JOIN from x.a with token field " + String.format("%08x", field.getAsInt()) + " built from its knowledge");
        return Optional.of(segment(HOME, sport, server, port, isn, 0, TcpSegment.SYN, new MpJoinSyn(0, 0, field.getAsInt(), rA)));
    }

    // ---- SpoofJoinSyn -----------------------------------------------------------------------------

    public Optional<TcpSegment> spoofJoinSyn(String client, String mode, InetAddress src, InetAddress server, int port,
                                             SplittableRandom rnd) {
        MpJoinSyn option;
        if (mode.equals("replay")) {
            List<MpJoinSyn> seen = knowledge.joinSyns(client);
            if (seen.isEmpty()) {
                return Optional.empty();
            }
            option = seen.get(seen.size() - 1);
            note("replays " + client + "'s SYN+MP_JOIN option from " + Addresses.nameOf(src));
        } else {
            OptionalInt field = scheme.forgeJoinToken(knowledge.view(client, scheme));
            if (field.isEmpty()) {
                return Optional.empty();
            }
            option = new MpJoinSyn(0, 0, field.getAsInt(), rnd.nextInt());
            note("forges a SYN+MP_JOIN from " + Addresses.nameOf(src));
        }
        return Optional.of(segment(src, nextPort++, server, port, rnd.nextLong(), 0, TcpSegment.SYN, option));
    }

    // ---- ForgeAddAddr / ForgeFastClose ------------------------------------------------------------------

    /** ADD_ADDR(x.a, id 9) to the client as if from the server; empty when it never saw the connection. */
    public Optional<TcpSegment> forgeAddAddr(String client) {
        Optional<TcpSegment> syn = knowledge.initialSyn(client);
        if (syn.isEmpty()) {
            return Optional.empty();
        }
        TcpSegment s = syn.get();
        MptcpOption opt = scheme.forgeAddAddr(knowledge.view(client, scheme), 9, HOME).orElseGet(() -> {
            note("cannot derive the ADD_ADDR authenticator: guesses");
            byte[] msg = SchemeCrypto.cat(new byte[] {9}, HOME.getAddress(), new byte[2]);
            return new AddAddr(scheme.version(), 0, 9, HOME, OptionalInt.empty(),
                    OptionalLong.of(SchemeCrypto.truncR64(guess(msg))));
        });
        note("injects ADD_ADDR(x.a, id 9) to " + client + " as if from " + Addresses.nameOf(s.dst()));
        return Optional.of(segment(s.dst(), s.dstPort(), s.src(), s.srcPort(), 0, s.seq() + 1, TcpSegment.ACK, opt));
    }

    /** MP_FASTCLOSE to the server as if from the client; empty when it never saw the connection. */
    public Optional<TcpSegment> forgeFastClose(String client) {
        Optional<TcpSegment> syn = knowledge.initialSyn(client);
        if (syn.isEmpty()) {
            return Optional.empty();
        }
        TcpSegment s = syn.get();
        MptcpOption opt = scheme.forgeFastClose(knowledge.view(client, scheme)).orElseGet(() -> {
            note("cannot derive the MP_FASTCLOSE value: guesses");
            return new MpFastClose(0, SchemeCrypto.truncL64(guess(SchemeCrypto.ascii("close"))));
        });
        note("injects MP_FASTCLOSE to the server as if from " + Addresses.nameOf(s.src()));
        return Optional.of(segment(s.src(), s.srcPort(), s.dst(), s.dstPort(), s.seq() + 1, 0, TcpSegment.ACK, opt));
    }

    /**
     * REMOVE_ADDR to the server as if from the client's initial subflow, naming address id 0 (the
     * initial subflow's, RFC 8684 3.4.2) and every id it saw in the client's SYN+MP_JOIN. No scheme
     * here authenticates REMOVE_ADDR, so nothing is derived; empty when it never saw the connection.
     */
    public Optional<TcpSegment> forgeRemoveAddr(String client) {
        Optional<TcpSegment> syn = knowledge.initialSyn(client);
        if (syn.isEmpty()) {
            return Optional.empty();
        }
        TcpSegment s = syn.get();
        TreeSet<Integer> ids = new TreeSet<>(List.of(0));
        knowledge.joinSyns(client).forEach(j -> ids.add(j.addressId()));
        note("injects REMOVE_ADDR(ids " + ids + ") to the server as if from " + Addresses.nameOf(s.src()));
        return Optional.of(segment(s.src(), s.srcPort(), s.dst(), s.dstPort(), s.seq() + 1, 0, TcpSegment.ACK,
                new MptcpOption.RemoveAddr(List.copyOf(ids))));
    }

    /** MP_PRIO(backup) to the server on the client's initial subflow; empty when it never saw the connection. */
    public Optional<TcpSegment> forgeMpPrio(String client) {
        Optional<TcpSegment> syn = knowledge.initialSyn(client);
        if (syn.isEmpty()) {
            return Optional.empty();
        }
        TcpSegment s = syn.get();
        note("injects MP_PRIO(backup) to the server on " + Addresses.nameOf(s.src()) + "'s initial subflow");
        return Optional.of(segment(s.src(), s.srcPort(), s.dst(), s.dstPort(), s.seq() + 1, 0, TcpSegment.ACK,
                new MptcpOption.MpPrio(true, OptionalInt.empty())));
    }

    // ---- segments arriving at x.a --------------------------------------------------------------------------

    /** A segment it sends: its own, or one it relays (whose origin stays the original sender's). */
    public record Outgoing(TcpSegment segment, boolean relayed) {}

    /** Handles a segment delivered to x.a (already observed); returns what it sends in reply. */
    public List<Outgoing> receive(TcpSegment s) {
        ForgedJoin f = forged.get(s.dstPort());
        if (f != null && !Addresses.actorOf(s.src()).startsWith("c")) {
            return answerForgedJoin(s, f).stream().map(x -> new Outgoing(x, false)).toList();
        }
        return relay(s).stream().map(x -> new Outgoing(x, true)).toList();
    }

    private List<TcpSegment> answerForgedJoin(TcpSegment s, ForgedJoin f) {
        if (s.has(TcpSegment.RST)) {
            note("its join was reset");
            forged.remove(s.dstPort());
            return List.of();
        }
        Optional<MpJoinSynAck> sa = s.options().stream().filter(TcpSegment.TcpOption.Mptcp.class::isInstance)
                .map(o -> ((TcpSegment.TcpOption.Mptcp) o).option())
                .filter(MpJoinSynAck.class::isInstance).map(MpJoinSynAck.class::cast).findFirst();
        if (s.has(TcpSegment.SYN) && sa.isPresent()) {
            int rB = sa.get().senderRandom();
            Bytes hmac = scheme.forgeThirdAckHmac(f.view(), f.rA(), rB).orElseGet(() -> {
                note("cannot derive the third-ACK HMAC: guesses");
                return SchemeCrypto.truncL160(guess(SchemeCrypto.cat(SchemeCrypto.be32(f.rA()), SchemeCrypto.be32(rB))));
            });
            note("third ACK+MP_JOIN on its forged join");
            return List.of(segment(s.dst(), s.dstPort(), s.src(), s.srcPort(), f.isn() + 1, s.seq() + 1, TcpSegment.ACK,
                    new MpJoinAck(hmac)));
        }
        if (s.has(TcpSegment.ACK) && !s.has(TcpSegment.SYN)) {
            note("its forged join is established at the server");
        }
        return List.of();
    }

    /** Relays a join the client opened towards x.a (after a forged ADD_ADDR) to the server, and back. */
    private List<TcpSegment> relay(TcpSegment s) {
        for (Relay r : relays) {
            if (s.src().equals(r.clientAddr()) && s.srcPort() == r.clientPort()) {
                return List.of(copy(s, HOME, r.relayPort(), r.serverAddr(), r.serverPort()));
            }
            if (s.src().equals(r.serverAddr()) && s.srcPort() == r.serverPort() && s.dstPort() == r.relayPort()) {
                return List.of(copy(s, HOME, r.serverPort(), r.clientAddr(), r.clientPort()));
            }
        }
        if (s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK) && Addresses.actorOf(s.src()).startsWith("c")) {
            Relay r = new Relay(s.src(), s.srcPort(), nextPort++, Addresses.of("s.a1"), s.dstPort());
            relays.add(r);
            note("relays " + Addresses.actorOf(s.src()) + "'s join to s.a1 from x.a");
            return List.of(copy(s, HOME, r.relayPort(), r.serverAddr(), r.serverPort()));
        }
        return List.of();
    }

    private static TcpSegment copy(TcpSegment s, InetAddress src, int sport, InetAddress dst, int dport) {
        return new TcpSegment(src, dst, sport, dport, s.seq(), s.ack(), s.flags(), s.window(), s.options(), s.payload());
    }
}
