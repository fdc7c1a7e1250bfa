package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.AuthScheme.ConnRef;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpFastClose;
import org.mptcpverify.wire.MptcpOption.MpPrio;
import org.mptcpverify.wire.MptcpOption.RemoveAddr;

/**
 * Issue #11 item 3 below the segment level: every receiver-side decision of a built-in scheme
 * (ADD_ADDR, MP_FASTCLOSE, REMOVE_ADDR, MP_PRIO, the join lookup and both join HMAC checks, whether
 * joins are allowed) taken by the hand-written class and by the definition on the same inputs:
 * the honest option and copies edited in one field each (authenticator flipped or dropped, another
 * version's layout, flag bits, address id, address, port), at both ends of connections under every
 * key configuration, MPTCP or fallen back (SYN/ACK or third ACK without MP_CAPABLE), before and
 * after the key agreement. The options a sender builds must also be equal. No decision is written
 * down here: the two sides are compared, and the counts make sure both answers occurred.
 */
class ClassVsDefinitionChecksTest {
    private static final int KEYS = 2;

    static List<SchemeId> builtIns() {
        return List.of(SchemeId.values());
    }

    /** A connection's two ends, as one implementation left them. */
    private record Ends(ConnKeys client, ConnKeys server, HostKeys clientHost, HostKeys serverHost) {
        ConnKeys end(int i) {
            return i == 0 ? client : server;
        }

        HostKeys host(int i) {
            return i == 0 ? clientHost : serverHost;
        }
    }

    /** {@code cut}: 0 honest, 1 SYN/ACK without MP_CAPABLE, 2 third ACK without it; {@code agree}: run the key agreement. */
    private static Ends run(AuthScheme s, KeySetting setting, int config, int cut, boolean agree, long seed) {
        Handshakes.Shake h = Handshakes.run(s, setting, config, seed, cut == 0 ? -1 : cut, o -> Optional.empty());
        ConnKeys cli = h.client();
        ConnKeys srv = h.server();
        if (agree && cli.mptcp() && srv.mptcp()) {
            Optional<MptcpOption> fromA = s.keyAgreement(cli);
            Optional<MptcpOption> fromB = s.keyAgreement(srv);
            cli = fromB.map(o -> s.onKeyAgreement(h.client(), o)).orElse(cli);
            srv = fromA.map(o -> s.onKeyAgreement(h.server(), o)).orElse(srv);
        }
        return new Ends(cli, srv, h.clientHost(), h.serverHost());
    }

    /** Decisions compared, and how many of them accepted. */
    private static final class Tally {
        final List<String> wrong = new ArrayList<>();
        int compared;
        int accepted;

        void compare(String what, boolean byClass, boolean byDefinition) {
            compared++;
            accepted += byClass ? 1 : 0;
            if (byClass != byDefinition && wrong.size() < 20) {
                wrong.add(what + ": class " + byClass + ", definition " + byDefinition);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyReceiverDecisionOfTheClassIsTheDefinitions(SchemeId id) throws UnknownHostException {
        AuthScheme hand = Schemes.of(id);
        AuthScheme generic = new DefinedScheme(BuiltInDefinitions.of(id));
        InetAddress v4 = InetAddress.getByName("10.2.0.7");
        InetAddress v6 = InetAddress.getByName("fd00::7");
        InetAddress server = InetAddress.getByName("10.1.0.100");
        InetAddress other = InetAddress.getByName("10.9.0.9");
        Tally t = new Tally();
        SplittableRandom keys = new SplittableRandom(id.ordinal() * 131L + 11);
        for (int n = 0; n < KEYS; n++) {
            byte[] material = new byte[32];
            keys.nextBytes(material);
            KeySetting setting = hand.keySetting(Bytes.of(material));
            for (int config = 0; config < (id.usesExternalKey() ? 4 : 1); config++) {
                for (int cut = 0; cut < 3; cut++) {
                    for (boolean agree : new boolean[] {false, true}) {
                        long seed = keys.nextLong();
                        Ends c = run(hand, setting, config, cut, agree, seed);
                        Ends d = run(generic, setting, config, cut, agree, seed);
                        String at = id + " key " + n + " configuration " + config + " cut " + cut + (agree ? " agreed" : "");
                        for (int r = 0; r < 2; r++) {
                            ConnKeys rc = c.end(r);
                            ConnKeys rd = d.end(r);
                            ConnKeys sc = c.end(1 - r);
                            ConnKeys sd = d.end(1 - r);
                            String where = at + " receiver " + rc.role();
                            assertEquals(rc.mptcp(), rd.mptcp(), "MPTCP: " + where);
                            t.compare("joinsAllowed " + where, hand.joinsAllowed(rc), generic.joinsAllowed(rd));
                            if (!sc.mptcp() || !hand.hasAuthenticationKeys(sc)) {
                                continue; // a sender without the keys its options need builds none
                            }
                            if (!agree && rc.mptcp()) {
                                keyAgreement(hand, generic, sc, sd, rc, rd, where, t);
                            }
                            addAddr(hand, generic, sc, sd, rc, rd, where, List.of(v4, v6), t);
                            fastClose(hand, generic, sc, sd, rc, rd, where, t);
                            pathManager(hand, generic, sc, sd, rc, rd, where, t);
                            if (r == 1 && hand.joinsAllowed(sc) && hand.joinsAllowed(rc)) {
                                joins(hand, generic, c, d, where, server, other, keys.nextLong(), t);
                            }
                        }
                    }
                }
            }
        }
        System.out.println("[class vs definition checks] " + id + ": " + t.compared + " decisions compared, "
                + t.accepted + " accepted, " + t.wrong.size() + " differences");
        assertEquals(List.of(), t.wrong);
        assertTrue(t.accepted > 0 && t.accepted < t.compared, id + ": one answer only (" + t.accepted + " of "
                + t.compared + "): the edits never reached a check, or nothing was accepted");
    }

    /**
     * The handshake: each MP_CAPABLE (SYN, SYN/ACK, third ACK) replaced by variants of itself (each
     * flag bit toggled, the other version, each key, token, confirm or share altered, a key dropped,
     * a data-level length added, the option stripped) under every key configuration; the class and
     * the definition must answer with the same options and leave ends alike: MPTCP or not, and on
     * MPTCP ends the same keys as far as they show (join token field, join HMACs, MP_FASTCLOSE and
     * ADD_ADDR values, whether joins are allowed, whether the external key is in use).
     */
    @ParameterizedTest
    @MethodSource("builtIns")
    void everyHandshakeVariantLeavesTheClassAndTheDefinitionAlike(SchemeId id) throws UnknownHostException {
        AuthScheme hand = Schemes.of(id);
        AuthScheme generic = new DefinedScheme(BuiltInDefinitions.of(id));
        InetAddress server = InetAddress.getByName("10.1.0.100");
        SplittableRandom keys = new SplittableRandom(id.ordinal() * 17L + 5);
        int compared = 0;
        int mptcpEnds = 0;
        int variantsTried = 0;
        for (int n = 0; n < 2; n++) {
            byte[] material = new byte[32];
            keys.nextBytes(material);
            KeySetting setting = hand.keySetting(Bytes.of(material));
            for (int config = 0; config < (id.usesExternalKey() ? 4 : 1); config++) {
                long seed = keys.nextLong();
                for (int seg = 0; seg < 3; seg++) {
                    int at = seg;
                    // the variants of the class's honest segment, each replayed by both
                    Optional<MptcpOption> honest = Handshakes.run(hand, setting, config, seed, -1, o -> o).options().get(seg);
                    for (Optional<MptcpOption> v : variants(honest)) {
                        variantsTried++;
                        Handshakes.Shake c = Handshakes.run(hand, setting, config, seed, at, o -> v);
                        Handshakes.Shake d = Handshakes.run(generic, setting, config, seed, at, o -> v);
                        String where = id + " key " + n + " configuration " + config + " segment " + seg + " -> " + v;
                        assertEquals(c.options(), d.options(), "answers: " + where);
                        for (int e = 0; e < 2; e++) {
                            ConnKeys kc = e == 0 ? c.client() : c.server();
                            ConnKeys kd = e == 0 ? d.client() : d.server();
                            HostKeys hc = e == 0 ? c.clientHost() : c.serverHost();
                            HostKeys hd = e == 0 ? d.clientHost() : d.serverHost();
                            assertEquals(kc.mptcp(), kd.mptcp(), "MPTCP at " + kc.role() + ": " + where);
                            compared++;
                            if (!kc.mptcp()) {
                                continue;
                            }
                            mptcpEnds++;
                            assertEquals(hand.joinsAllowed(kc), generic.joinsAllowed(kd), "joinsAllowed: " + where);
                            assertEquals(hand.externalKeyInUse(kc, hc), generic.externalKeyInUse(kd, hd),
                                    "externalKeyInUse at " + kc.role() + ": " + where);
                            if (!hand.hasAuthenticationKeys(kc)) {
                                continue;
                            }
                            assertEquals(hand.fastClose(kc), generic.fastClose(kd), "MP_FASTCLOSE of " + kc.role() + ": " + where);
                            assertEquals(hand.addAddr(kc, 2, server), generic.addAddr(kd, 2, server), "ADD_ADDR: " + where);
                            if (e == 0 && hand.joinsAllowed(kc)) {
                                assertEquals(hand.joinTokenField(kc, 1, hc), generic.joinTokenField(kd, 1, hd),
                                        "join token field: " + where);
                                assertEquals(hand.thirdAckHmac(kc, 1, 2), generic.thirdAckHmac(kd, 1, 2), "join third ACK: " + where);
                            }
                            if (e == 1 && hand.joinsAllowed(kc)) {
                                assertEquals(hand.synAckHmac(kc, 1, 2, server), generic.synAckHmac(kd, 1, 2, server),
                                        "join SYN/ACK: " + where);
                            }
                        }
                    }
                }
            }
        }
        System.out.println("[class vs definition handshake] " + id + ": " + variantsTried + " variants, " + compared
                + " ends compared, " + mptcpEnds + " MPTCP");
        assertTrue(mptcpEnds > 0 && mptcpEnds < compared, id + ": the variants never changed an outcome, or nothing was MPTCP");
    }

    /** The option edited in one field at a time (the edits that give a valid option), and stripped. */
    private static List<Optional<MptcpOption>> variants(Optional<MptcpOption> honest) {
        List<Optional<MptcpOption>> out = new ArrayList<>();
        out.add(Optional.empty());
        if (honest.isEmpty()) {
            return out;
        }
        MptcpOption o = honest.get();
        List<java.util.function.Supplier<MptcpOption>> edits = new ArrayList<>();
        if (o instanceof MptcpOption.MpCapable c) {
            for (int bit = 1; bit < 0x100; bit <<= 1) {
                int b = bit;
                edits.add(() -> new MptcpOption.MpCapable(c.version(), c.flags() ^ b, c.senderKey(), c.receiverKey(),
                        c.dataLevelLength(), c.checksum()));
            }
            edits.add(() -> new MptcpOption.MpCapable(1 - c.version(), c.flags(), c.senderKey(), c.receiverKey(),
                    c.dataLevelLength(), c.checksum()));
            c.senderKey().ifPresent(k -> edits.add(() -> new MptcpOption.MpCapable(c.version(), c.flags(), OptionalLong.of(k ^ 1),
                    c.receiverKey(), c.dataLevelLength(), c.checksum())));
            c.receiverKey().ifPresent(k -> edits.add(() -> new MptcpOption.MpCapable(c.version(), c.flags(), c.senderKey(),
                    OptionalLong.of(k ^ 1), c.dataLevelLength(), c.checksum())));
            c.receiverKey().ifPresent(k -> edits.add(() -> new MptcpOption.MpCapable(c.version(), c.flags(), c.senderKey(),
                    OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty())));
            c.receiverKey().ifPresent(k -> edits.add(() -> new MptcpOption.MpCapable(c.version(), c.flags(), c.senderKey(),
                    c.receiverKey(), OptionalInt.of(0), OptionalInt.of(0))));
            c.senderKey().ifPresent(k -> edits.add(() -> MptcpOption.MpCapable.syn(c.version(), c.flags())));
        } else if (o instanceof MptcpOption.MpCapableTokens t) {
            for (int bit = 1; bit < 0x100; bit <<= 1) {
                int b = bit;
                edits.add(() -> new MptcpOption.MpCapableTokens(t.version(), t.flags() ^ b, t.senderToken(), t.receiverToken(),
                        t.confirm()));
            }
            t.senderToken().ifPresent(v -> edits.add(() -> new MptcpOption.MpCapableTokens(t.version(), t.flags(),
                    OptionalInt.of(v ^ 1), t.receiverToken(), t.confirm())));
            t.receiverToken().ifPresent(v -> edits.add(() -> new MptcpOption.MpCapableTokens(t.version(), t.flags(),
                    t.senderToken(), OptionalInt.of(v ^ 1), t.confirm())));
            t.confirm().ifPresent(v -> edits.add(() -> new MptcpOption.MpCapableTokens(t.version(), t.flags(),
                    t.senderToken(), t.receiverToken(), OptionalLong.of(v ^ 1))));
            t.confirm().ifPresent(v -> edits.add(() -> new MptcpOption.MpCapableTokens(t.version(), t.flags(),
                    t.senderToken(), t.receiverToken(), OptionalLong.empty())));
        } else if (o instanceof MptcpOption.MpCapableShare sh) {
            for (int bit = 1; bit < 0x100; bit <<= 1) {
                int b = bit;
                edits.add(() -> new MptcpOption.MpCapableShare(sh.version(), sh.flags() ^ b, sh.curve(), sh.share()));
            }
            byte[] other = sh.share().toArray();
            other[0] ^= 1;
            edits.add(() -> new MptcpOption.MpCapableShare(sh.version(), sh.flags(), sh.curve(), Bytes.of(other)));
        }
        for (java.util.function.Supplier<MptcpOption> e : edits) {
            try {
                out.add(Optional.of(e.get()));
            } catch (IllegalArgumentException notAnOption) {
                // that edit leaves no valid option of this layout: the codec could not deliver it
            }
        }
        return out;
    }

    private static void addAddr(AuthScheme hand, AuthScheme generic, ConnKeys sc, ConnKeys sd, ConnKeys rc, ConnKeys rd,
                                String where, List<InetAddress> addrs, Tally t) {
        for (InetAddress addr : addrs) {
            for (OptionalInt port : List.of(OptionalInt.empty(), OptionalInt.of(8080))) {
                MptcpOption sent = hand.addAddr(sc, 3, addr, port);
                assertEquals(sent, generic.addAddr(sd, 3, addr, port), "ADD_ADDR sent: " + where);
                AddAddr a = (AddAddr) sent;
                List<AddAddr> variants = new ArrayList<>(List.of(a,
                        new AddAddr(a.version(), a.flags(), 4, a.address(), a.port(), a.truncatedHmac()),
                        withAddress(a, addr.equals(addrs.get(0)) ? addrs.get(1) : addrs.get(0)),
                        new AddAddr(a.version(), a.flags(), a.addressId(), a.address(),
                                a.port().isPresent() ? OptionalInt.empty() : OptionalInt.of(80), a.truncatedHmac())));
                int ipVer = addr.getAddress().length == 4 ? 4 : 6;
                if (a.version() == 1) {
                    long h = a.truncatedHmac().orElse(0);
                    variants.add(new AddAddr(1, a.flags(), a.addressId(), a.address(), a.port(), OptionalLong.of(h ^ 1)));
                    variants.add(new AddAddr(1, a.flags() ^ MptcpOption.FLAG_K_KEY_ID, a.addressId(), a.address(), a.port(),
                            a.truncatedHmac()));
                    variants.add(new AddAddr(0, ipVer, a.addressId(), a.address(), a.port(), OptionalLong.empty()));
                } else {
                    variants.add(new AddAddr(1, 0, a.addressId(), a.address(), a.port(), OptionalLong.of(0x5eedL)));
                }
                for (AddAddr v : variants) {
                    t.compare("addAddrOk " + v + " " + where, hand.addAddrOk(rc, v), generic.addAddrOk(rd, v));
                }
            }
        }
    }

    /** The peer's key-agreement option (NEW_KEY or key share), edited, and the other kind: does the key become active? */
    private static void keyAgreement(AuthScheme hand, AuthScheme generic, ConnKeys sc, ConnKeys sd, ConnKeys rc, ConnKeys rd,
                                     String where, Tally t) {
        Optional<MptcpOption> sent = hand.keyAgreement(sc);
        assertEquals(sent, generic.keyAgreement(sd), "key agreement sent: " + where);
        byte[] share = new byte[MptcpOption.MpCapableShare.SHARE_BYTES];
        share[0] = 9;
        List<MptcpOption> variants = new ArrayList<>(List.of(new MptcpOption.NewKey(0, 0x5eedL),
                new MptcpOption.KeyShare(0, Bytes.of(share))));
        if (sent.isPresent() && sent.get() instanceof MptcpOption.NewKey nk) {
            variants.addAll(List.of(nk, new MptcpOption.NewKey(nk.flags(), nk.hmac() ^ 1), new MptcpOption.NewKey(nk.flags() ^ 1,
                    nk.hmac())));
        } else if (sent.isPresent() && sent.get() instanceof MptcpOption.KeyShare ks) {
            byte[] other = ks.share().toArray();
            other[0] ^= 1;
            variants.addAll(List.of(ks, new MptcpOption.KeyShare(ks.flags(), Bytes.of(other)),
                    new MptcpOption.KeyShare(ks.flags() ^ 1, ks.share())));
        }
        for (MptcpOption v : variants) {
            ConnKeys kc = hand.onKeyAgreement(rc, v);
            ConnKeys kd = generic.onKeyAgreement(rd, v);
            t.compare("key agreement " + v + " " + where, kc.keyActive(), kd.keyActive());
            t.compare("joinsAllowed after " + v + " " + where, hand.joinsAllowed(kc), generic.joinsAllowed(kd));
        }
    }

    /** The option with another address (v0: with that address's IPVer nibble). */
    private static AddAddr withAddress(AddAddr a, InetAddress addr) {
        int flags = a.version() == 0 ? (addr.getAddress().length == 4 ? 4 : 6) : a.flags();
        return new AddAddr(a.version(), flags, a.addressId(), addr, a.port(), a.truncatedHmac());
    }

    private static void fastClose(AuthScheme hand, AuthScheme generic, ConnKeys sc, ConnKeys sd, ConnKeys rc, ConnKeys rd,
                                  String where, Tally t) {
        MptcpOption sent = hand.fastClose(sc);
        assertEquals(sent, generic.fastClose(sd), "MP_FASTCLOSE sent: " + where);
        MpFastClose f = (MpFastClose) sent;
        for (MpFastClose v : List.of(f, new MpFastClose(f.flags(), f.value() ^ 1), new MpFastClose(f.flags() ^ 1, f.value()))) {
            t.compare("fastCloseOk " + v + " " + where, hand.fastCloseOk(rc, v), generic.fastCloseOk(rd, v));
        }
    }

    private static void pathManager(AuthScheme hand, AuthScheme generic, ConnKeys sc, ConnKeys sd, ConnKeys rc, ConnKeys rd,
                                    String where, Tally t) {
        MptcpOption sentRemove = hand.removeAddr(sc, List.of(2));
        assertEquals(sentRemove, generic.removeAddr(sd, List.of(2)), "REMOVE_ADDR sent: " + where);
        RemoveAddr ra = (RemoveAddr) sentRemove;
        List<RemoveAddr> removes = new ArrayList<>(List.of(ra, new RemoveAddr(List.of(3), ra.tag()),
                new RemoveAddr(List.of(2, 3), ra.tag()), new RemoveAddr(ra.addressIds(), OptionalLong.empty())));
        ra.tag().ifPresent(g -> removes.add(new RemoveAddr(ra.addressIds(), OptionalLong.of(g ^ 1))));
        for (RemoveAddr v : removes) {
            t.compare("removeAddrOk " + v + " " + where, hand.removeAddrOk(rc, v), generic.removeAddrOk(rd, v));
        }
        MptcpOption sentPrio = hand.mpPrio(sc, true);
        assertEquals(sentPrio, generic.mpPrio(sd, true), "MP_PRIO sent: " + where);
        MpPrio p = (MpPrio) sentPrio;
        List<MpPrio> prios = new ArrayList<>(List.of(p, new MpPrio(false, p.addressId(), p.tag()),
                new MpPrio(p.backup(), OptionalInt.of(2), p.tag()), new MpPrio(p.backup(), p.addressId(), OptionalLong.empty())));
        p.tag().ifPresent(g -> prios.add(new MpPrio(p.backup(), p.addressId(), OptionalLong.of(g ^ 1))));
        for (MpPrio v : prios) {
            t.compare("mpPrioOk " + v + " " + where, hand.mpPrioOk(rc, v), generic.mpPrioOk(rd, v));
        }
    }

    /** The client's join to the server's connection: lookup of the token field (and of edited ones), both HMACs. */
    private static void joins(AuthScheme hand, AuthScheme generic, Ends c, Ends d, String where, InetAddress server,
                              InetAddress other, long seed, Tally t) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int index = 1; index <= 2; index++) {
            int field = hand.joinTokenField(c.client(), index, c.clientHost());
            assertEquals(field, generic.joinTokenField(d.client(), index, d.clientHost()), "join token field: " + where);
            for (int f : new int[] {field, field ^ 1, field ^ 0x80000000}) {
                Function<Optional<AuthScheme.JoinMatch>, String> show = m -> m.map(x -> "conn " + x.connId()).orElse("none");
                String byClass = show.apply(hand.lookupJoin(f, List.of(new ConnRef(1, c.server())), c.serverHost()));
                String byDef = show.apply(generic.lookupJoin(f, List.of(new ConnRef(1, d.server())), d.serverHost()));
                t.compare("lookupJoin " + Integer.toHexString(f) + " (class " + byClass + ", definition " + byDef + ") " + where,
                        !byClass.equals("none"), !byDef.equals("none"));
                if (!byClass.equals(byDef)) {
                    t.wrong.add("lookupJoin attaches differently: class " + byClass + ", definition " + byDef + " " + where);
                }
            }
        }
        int rA = rnd.nextInt();
        int rB = rnd.nextInt();
        long synAck = hand.synAckHmac(c.server(), rA, rB, server);
        assertEquals(synAck, generic.synAckHmac(d.server(), rA, rB, server), "join SYN/ACK HMAC: " + where);
        for (long h : new long[] {synAck, synAck ^ 1}) {
            for (InetAddress believed : List.of(server, other)) {
                t.compare("synAckHmacOk " + believed + " " + where, hand.synAckHmacOk(c.client(), rA, rB, h, believed),
                        generic.synAckHmacOk(d.client(), rA, rB, h, believed));
            }
        }
        Bytes ack = hand.thirdAckHmac(c.client(), rA, rB);
        assertEquals(ack, generic.thirdAckHmac(d.client(), rA, rB), "join third-ACK HMAC: " + where);
        byte[] flipped = ack.toArray();
        flipped[flipped.length - 1] ^= 1;
        for (Bytes h : List.of(ack, Bytes.of(flipped))) {
            t.compare("thirdAckHmacOk " + where, hand.thirdAckHmacOk(c.server(), rA, rB, h),
                    generic.thirdAckHmacOk(d.server(), rA, rB, h));
            t.compare("thirdAckHmacOk swapped nonces " + where, hand.thirdAckHmacOk(c.server(), rB, rA, h),
                    generic.thirdAckHmacOk(d.server(), rB, rA, h));
        }
    }
}
