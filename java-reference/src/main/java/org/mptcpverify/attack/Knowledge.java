package org.mptcpverify.attack;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.scheme.AttackerView;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableShare;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.MptcpOption.MpJoinSyn;
import org.mptcpverify.wire.MptcpOption.NewKey;
import org.mptcpverify.wire.TcpSegment;
import org.mptcpverify.collect.Ordered;

// Exchange-level attacker: used only by Attacker and trace/ReferenceRunner; deleted with the legacy Alloy engine
// (docs/traces-engine.md, "Exchange-level attacker: remaining users").
/**
 * What the attacker knows: the segments it observed (decoded from their bytes), the external keys
 * it was given, and its own key. Everything else is derived from these by the scheme's public
 * algorithms (docs/threat-model.md, Knowledge); endpoint state is never read.
 */
public final class Knowledge {
    private final List<TcpSegment> observed = new ArrayList<>();
    private final Set<Bytes> givenKeys;
    private final long ownKey;
    // key control of a key-agreement scheme: the endpoints' Diffie-Hellman private values, read
    // as they are drawn (there is no external key to hand over before the run)
    private final Supplier<Set<Bytes>> givenPrivates;
    // derivations are pure in (observed, givenKeys, scheme): cache them until something new is observed
    private Set<Bytes> cachedKeys;
    private int cachedAt = -1;
    private AuthScheme cachedFor;

    public Knowledge(Set<Bytes> givenKeys, long ownKey) {
        this(givenKeys, Set::of, ownKey);
    }

    public Knowledge(Set<Bytes> givenKeys, Supplier<Set<Bytes>> givenPrivates, long ownKey) {
        this.givenKeys = Ordered.copy(givenKeys);
        this.givenPrivates = givenPrivates;
        this.ownKey = ownKey;
    }

    public void observe(TcpSegment s) {
        observed.add(s);
    }

    public List<TcpSegment> observed() {
        return List.copyOf(observed);
    }

    public long ownKey() {
        return ownKey;
    }

    private static List<MptcpOption> mptcp(TcpSegment s) {
        return s.options().stream().filter(TcpSegment.TcpOption.Mptcp.class::isInstance)
                .map(o -> ((TcpSegment.TcpOption.Mptcp) o).option()).toList();
    }

    private static boolean isSyn(TcpSegment s) {
        return s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK);
    }

    private static boolean of(String actor, InetAddress a) {
        return Addresses.actorOf(a).equals(actor);
    }

    /** The initial subflow of {@code client}'s most recent connection it saw opened: (client addr, port, server addr, port). */
    public Optional<TcpSegment> initialSyn(String client) {
        TcpSegment last = null;
        for (TcpSegment s : observed) {
            if (isSyn(s) && of(client, s.src()) && of("s", s.dst())
                    && mptcp(s).stream().noneMatch(MpJoinSyn.class::isInstance)) {
                last = s;
            }
        }
        return Optional.ofNullable(last);
    }

    /** SYN+MP_JOIN options {@code client} sent (seen anywhere on its way). */
    public List<MpJoinSyn> joinSyns(String client) {
        List<MpJoinSyn> l = new ArrayList<>();
        for (TcpSegment s : observed) {
            if (isSyn(s) && of(client, s.src())) {
                mptcp(s).stream().filter(MpJoinSyn.class::isInstance).map(MpJoinSyn.class::cast).forEach(l::add);
            }
        }
        return l.stream().distinct().toList(); // a SYN seen at several points on its way counts once
    }

    /** The raw view of {@code client}'s connection, without derived external keys. */
    private AttackerView rawView(String client) {
        OptionalLong ka = OptionalLong.empty();
        OptionalLong kb = OptionalLong.empty();
        OptionalInt ta = OptionalInt.empty();
        OptionalInt tb = OptionalInt.empty();
        int flags = -1;
        List<Long> nkA = new ArrayList<>();
        List<Long> nkB = new ArrayList<>();
        Optional<Bytes> shareA = Optional.empty();
        Optional<Bytes> shareB = Optional.empty();
        Optional<TcpSegment> syn = initialSyn(client);
        if (syn.isPresent()) {
            TcpSegment first = syn.get();
            for (TcpSegment s : observed.subList(observed.indexOf(first), observed.size())) {
                boolean fromClient = s.src().equals(first.src()) && s.srcPort() == first.srcPort()
                        && s.dst().equals(first.dst()) && s.dstPort() == first.dstPort();
                boolean toClient = s.dst().equals(first.src()) && s.dstPort() == first.srcPort()
                        && s.src().equals(first.dst()) && s.srcPort() == first.dstPort();
                if (!fromClient && !toClient) {
                    continue;
                }
                for (MptcpOption o : mptcp(s)) {
                    if (o instanceof MpCapable c) {
                        if (fromClient && c.senderKey().isPresent()) {
                            ka = c.senderKey();
                        }
                        if (fromClient && c.receiverKey().isPresent()) {
                            kb = c.receiverKey();
                        }
                        if (toClient && c.senderKey().isPresent()) {
                            kb = c.senderKey();
                            flags = c.flags();
                        }
                    } else if (o instanceof MpCapableTokens t) {
                        if (fromClient && t.senderToken().isPresent()) {
                            ta = t.senderToken();
                        }
                        if (fromClient && t.receiverToken().isPresent()) {
                            tb = t.receiverToken();
                        }
                        if (toClient && t.senderToken().isPresent()) {
                            tb = t.senderToken();
                            flags = t.flags();
                        }
                    } else if (o instanceof MpCapableShare sh) {
                        if (fromClient) {
                            shareA = Optional.of(sh.share());
                        } else {
                            shareB = Optional.of(sh.share());
                            flags = sh.flags();
                        }
                    } else if (o instanceof MptcpOption.KeyShare ks) {
                        if (fromClient) {
                            shareA = Optional.of(ks.share());
                        } else {
                            shareB = Optional.of(ks.share());
                        }
                    } else if (o instanceof NewKey nk) {
                        (fromClient ? nkA : nkB).add(nk.hmac());
                    }
                }
            }
        }
        List<Integer> fields = joinSyns(client).stream().map(MpJoinSyn::receiverToken).toList();
        return new AttackerView(ka, kb, ta, tb, flags, fields, nkA, nkB, givenKeys, ownKey, shareA, shareB,
                givenPrivates.get());
    }

    /** The attacker's view of {@code client}'s connection, with every external key it knows. */
    public AttackerView view(String client, AuthScheme scheme) {
        return rawView(client).withExternalKeys(externalKeys(scheme));
    }

    /** External keys known: given, or derived from any connection it saw. */
    public Set<Bytes> externalKeys(AuthScheme scheme) {
        if (cachedKeys != null && cachedAt == observed.size() && cachedFor == scheme) {
            return cachedKeys;
        }
        Set<Bytes> keys = new HashSet<>(givenKeys);
        for (String c : List.of("c1", "c2")) {
            keys.addAll(scheme.deriveExternalKeys(rawView(c)));
        }
        cachedKeys = Ordered.copy(keys);
        cachedAt = observed.size();
        cachedFor = scheme;
        return cachedKeys;
    }
}
