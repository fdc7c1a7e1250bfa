package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.scheme.AttackerView;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.AuthScheme.Hello;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.MptcpOption.NewKey;

/**
 * The generic attacker of {@link DefinedScheme} (deduction over the definition's terms) and the
 * hand-written scheme's forge* methods agree on what is derivable, and on the derived values, for
 * views an eavesdropper really gets: a handshake (every key configuration) run through the
 * hand-written scheme, observed up to a random segment, with 0-2 join SYNs and with or without the
 * external keys handed to it. Whatever the hand-written attacker derives, the generic one derives with
 * the same value; where the generic one derives more (it reads every observed field as a term, the
 * hand-written code needs whole key sets), the case is printed. Counts make sure both outcomes
 * (derivable and not) occur.
 */
class GenericAttackerTest {
    private static final int VIEWS = 300;
    private static final Set<String> STRONGER_SHOWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static List<SchemeId> builtIns() {
        return List.of(SchemeId.values());
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void forgeriesAgree(SchemeId id) {
        AuthScheme hand = Schemes.of(id);
        AuthScheme generic = new DefinedScheme(BuiltInDefinitions.of(id));
        SplittableRandom rnd = new SplittableRandom(id.ordinal() + 11);
        int derivable = 0;
        int notDerivable = 0;
        int stronger = 0;
        for (int n = 0; n < VIEWS; n++) {
            byte[] material = new byte[32];
            rnd.nextBytes(material);
            KeySetting setting = hand.keySetting(Bytes.of(material));
            assertEquals(setting, generic.keySetting(Bytes.of(material)));
            assertEquals(hand.effectiveKey(setting), generic.effectiveKey(setting));
            assertEquals(hand.socketKey(setting), generic.socketKey(setting));
            boolean clientKeyed = id.usesExternalKey() && rnd.nextInt(4) != 0;
            boolean serverKeyed = id.usesExternalKey() && rnd.nextInt(4) != 0;
            AttackerView raw = observe(hand, setting, clientKeyed, serverKeyed, rnd);
            Set<Bytes> given = rnd.nextBoolean() && hand.effectiveKey(setting) != null
                    ? Set.of(hand.effectiveKey(setting)) : Set.of();
            raw = raw.withExternalKeys(given);
            String where = id + " view " + n + " " + raw + " keyed " + clientKeyed + "/" + serverKeyed;
            Set<Bytes> handKeys = hand.deriveExternalKeys(raw);
            assertEquals(handKeys, generic.deriveExternalKeys(raw), "derived external keys: " + where);
            Set<Bytes> all = new HashSet<>(given);
            all.addAll(handKeys);
            AttackerView v = raw.withExternalKeys(all);
            int rA = rnd.nextInt();
            int rB = rnd.nextInt();
            InetAddress addr = Addresses.of("x.a");
            List<Optional<?>> a = List.of(box(hand.forgeJoinToken(v)), hand.forgeThirdAckHmac(v, rA, rB),
                    hand.forgeAddAddr(v, 9, addr), hand.forgeFastClose(v));
            List<Optional<?>> b = List.of(box(generic.forgeJoinToken(v)), generic.forgeThirdAckHmac(v, rA, rB),
                    generic.forgeAddAddr(v, 9, addr), generic.forgeFastClose(v));
            for (int k = 0; k < a.size(); k++) {
                String what = List.of("forgeJoinToken", "forgeThirdAckHmac", "forgeAddAddr", "forgeFastClose").get(k)
                        + ": " + where + "\nhand " + a.get(k) + "\ngeneric " + b.get(k);
                if (a.get(k).isPresent()) {
                    assertEquals(a.get(k), b.get(k), what);
                } else if (b.get(k).isPresent()) {
                    // the generic attacker may derive more than the hand-written one, never less or otherwise
                    stronger++;
                    if (STRONGER_SHOWN.add(id + " " + k)) { // what was seen, never the values (keys)
                        System.out.println("generic attacker derives more: " + id + " "
                                + List.of("forgeJoinToken", "forgeThirdAckHmac", "forgeAddAddr", "forgeFastClose").get(k)
                                + " from " + seen(raw) + ", keys handed over: " + !given.isEmpty()
                                + ", configured " + clientKeyed + "/" + serverKeyed);
                    }
                }
            }
            derivable += (int) a.stream().filter(Optional::isPresent).count();
            notDerivable += (int) a.stream().filter(Optional::isEmpty).count();
        }
        assertTrue(derivable > 0, "nothing was derivable: the comparison is vacuous");
        assertTrue(notDerivable > 0 || id == SchemeId.RFC6824 || id == SchemeId.BROKEN,
                "everything was derivable: no negative case compared");
    }

    private static String seen(AttackerView v) {
        List<String> l = new ArrayList<>();
        if (v.keyA().isPresent()) l.add("Key-A");
        if (v.keyB().isPresent()) l.add("Key-B");
        if (v.tokenA().isPresent()) l.add("Token-A");
        if (v.tokenB().isPresent()) l.add("Token-B");
        if (v.shareA().isPresent()) l.add("share-A");
        if (v.shareB().isPresent()) l.add("share-B");
        if (!v.privateValues().isEmpty()) l.add("a private value");
        if (v.capableFlags() >= 0) l.add("flags " + v.capableFlags());
        if (!v.newKeyFromA().isEmpty() || !v.newKeyFromB().isEmpty()) l.add("NEW_KEY");
        l.add(v.joinSynFields().size() + " join SYN(s)");
        return String.join(", ", l);
    }

    private static Optional<Integer> box(OptionalInt i) {
        return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
    }

    /** Runs the handshake with the hand-written scheme and returns what an observer of its first segments saw. */
    private static AttackerView observe(AuthScheme s, KeySetting setting, boolean clientKeyed, boolean serverKeyed,
                                        SplittableRandom rnd) {
        KeySetting none = KeySetting.none();
        HostKeys clientHost = s.onBindOrConnect(HostKeys.initial(), clientKeyed ? setting : none);
        Hello syn = s.clientSyn(s.socketKey(clientKeyed ? setting : none), rnd);
        Hello synAck = s.serverSynAck(syn.option(), s.socketKey(serverKeyed ? setting : none), rnd, t -> false);
        Hello ack = s.clientThirdAck(syn.keys(), synAck.option(), rnd);
        ConnKeys server = s.serverEstablished(synAck.keys(), ack.option());
        int seen = rnd.nextInt(4); // segments observed: 0..3
        OptionalLong ka = OptionalLong.empty();
        OptionalLong kb = OptionalLong.empty();
        OptionalInt ta = OptionalInt.empty();
        OptionalInt tb = OptionalInt.empty();
        int flags = -1;
        Optional<Bytes> shareA = Optional.empty();
        Optional<Bytes> shareB = Optional.empty();
        List<Optional<MptcpOption>> segs = List.of(syn.option(), synAck.option(), ack.option());
        for (int k = 0; k < seen; k++) {
            Optional<MptcpOption> o = segs.get(k);
            boolean fromB = k == 1;
            if (o.isPresent() && o.get() instanceof MpCapable c) {
                if (fromB) {
                    kb = c.senderKey();
                    flags = c.flags();
                } else {
                    if (c.senderKey().isPresent()) ka = c.senderKey();
                    if (c.receiverKey().isPresent()) kb = c.receiverKey();
                }
            } else if (o.isPresent() && o.get() instanceof MptcpOption.MpCapableShare sh) {
                if (fromB) {
                    shareB = Optional.of(sh.share());
                    flags = sh.flags();
                } else {
                    shareA = Optional.of(sh.share());
                }
            } else if (o.isPresent() && o.get() instanceof MpCapableTokens t) {
                if (fromB) {
                    tb = t.senderToken();
                    flags = t.flags();
                } else {
                    if (t.senderToken().isPresent()) ta = t.senderToken();
                    if (t.receiverToken().isPresent()) tb = t.receiverToken();
                }
            }
        }
        List<Long> nkA = new ArrayList<>();
        List<Long> nkB = new ArrayList<>();
        if (seen == 3) {
            s.keyAgreement(ack.keys()).filter(NewKey.class::isInstance).ifPresent(o -> nkA.add(((NewKey) o).hmac()));
            s.keyAgreement(server).filter(NewKey.class::isInstance).ifPresent(o -> nkB.add(((NewKey) o).hmac()));
            Optional<MptcpOption> shareFromA = s.keyAgreement(ack.keys()).filter(MptcpOption.KeyShare.class::isInstance);
            Optional<MptcpOption> shareFromB = s.keyAgreement(server).filter(MptcpOption.KeyShare.class::isInstance);
            if (shareFromA.isPresent()) shareA = Optional.of(((MptcpOption.KeyShare) shareFromA.get()).share());
            if (shareFromB.isPresent()) shareB = Optional.of(((MptcpOption.KeyShare) shareFromB.get()).share());
        }
        List<Integer> joins = new ArrayList<>();
        ConnKeys client = ack.keys();
        if (seen == 3 && client.mptcp()) {
            int j = rnd.nextInt(3);
            for (int i = 1; i <= j; i++) {
                joins.add(s.joinTokenField(client, i, clientHost));
            }
        }
        // a key-agreement scheme's key control: one side's Diffie-Hellman private value, handed over
        int privates = rnd.nextInt(3);
        Set<Bytes> given = privates == 0 ? Set.of() : s.privateValues(privates == 1 ? syn.keys() : synAck.keys());
        return new AttackerView(ka, kb, ta, tb, flags, joins, nkA, nkB, Set.of(), rnd.nextLong(), shareA, shareB, given);
    }
}
