package org.mptcpverify.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Schemes;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableShare;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;

/**
 * {@link DefinedScheme#externalKeyInUse}, derived from the definition ({@link ExternalKeyUse}),
 * against the hand-written class's answer, for every built-in scheme: both run the same handshakes
 * (same random stream, so the same keys) under every key configuration, honest and with each
 * MP_CAPABLE flag bit of the definition's modes toggled in the SYN, the SYN/ACK or the third ACK;
 * both must leave the same ends MPTCP (a third ACK of another mode than the server's: plain TCP),
 * and on every end state (after the handshake and after a key agreement) that DowngradeResistance
 * judges (MPTCP) the two answers must be equal. No answer is written down here: the class is the oracle, and the counts
 * make sure every mode of the definition and both answers (where the definition has a keyed mode)
 * were compared.
 */
class ExternalKeyUseTest {
    private static final int KEYS = 6;

    static List<SchemeId> builtIns() {
        return List.of(SchemeId.values());
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void definitionAnswersAsTheClassInEveryModeAndKeyConfiguration(SchemeId id) {
        AuthScheme hand = Schemes.of(id);
        SchemeDefinition def = BuiltInDefinitions.of(id);
        DefinedScheme generic = new DefinedScheme(def);
        List<Integer> flags = new ArrayList<>();
        def.modes().stream().filter(m -> m.flag() != 0).forEach(m -> flags.add(m.flag()));
        List<Edit> edits = new ArrayList<>(List.of(new Edit(-1, 0)));
        // the SYN and SYN/ACK decide the modes; a third ACK of another mode than the server's makes the
        // connection plain TCP (docs/scheme-definitions.md, "Modes"): toggled there too, compared alike
        for (int seg = 0; seg < 3; seg++) {
            for (int f : flags) {
                edits.add(new Edit(seg, f));
            }
        }
        TreeSet<String> modes = new TreeSet<>();
        int compared = 0;
        int inUse = 0;
        int thirdAckOfAnotherMode = 0;
        int thirdAckEdits = 0;
        SplittableRandom keys = new SplittableRandom(id.ordinal() * 31L + 7);
        for (int n = 0; n < KEYS; n++) {
            byte[] material = new byte[32];
            keys.nextBytes(material);
            KeySetting setting = hand.keySetting(Bytes.of(material));
            for (int config = 0; config < (id.usesExternalKey() ? 4 : 1); config++) {
                for (Edit e : edits) {
                    long seed = keys.nextLong();
                    Run byClass = run(hand, setting, config, e, seed);
                    if (e.segment() == 2 && !byClass.options().get(2).equals(run(hand, setting, config, new Edit(-1, 0), seed)
                            .options().get(2))) {
                        thirdAckEdits++; // the flag fits the third ACK's layout (bound-key's token layouts refuse G toggled)
                    }
                    Run byDefinition = run(generic, setting, config, e, seed);
                    String where = id + " key " + n + " configuration " + config + " " + e;
                    assertEquals(byClass.options().subList(0, 3), byDefinition.options().subList(0, 3),
                            "different handshake segments, nothing to compare: " + where);
                    for (int k = 0; k < Math.min(byClass.states().size(), byDefinition.states().size()); k++) {
                        End c = byClass.states().get(k);
                        End d = byDefinition.states().get(k);
                        assertEquals(c.keys().mptcp(), d.keys().mptcp(), "MPTCP at " + c.keys().role() + ": " + where);
                        if (k == 1 && e.segment() == 2 && !d.keys().mptcp() && byDefinition.states().get(0).keys().mptcp()) {
                            thirdAckOfAnotherMode++; // the edited third ACK, not the SYN/ACK, made the server plain TCP
                        }
                        if (!c.keys().mptcp()) {
                            continue; // DowngradeResistance judges MPTCP ends only
                        }
                        boolean expected = hand.externalKeyInUse(c.keys(), c.host());
                        boolean got = generic.externalKeyInUse(d.keys(), d.host());
                        String mode = generic.modeOf(d.keys(), d.host());
                        assertEquals(expected, got, "externalKeyInUse of " + c.keys().role() + " in mode " + mode
                                + ": " + where + "; " + ExternalKeyUse.of(def));
                        modes.add(mode);
                        compared++;
                        inUse += got ? 1 : 0;
                    }
                }
            }
        }
        System.out.println("[externalKeyInUse] " + id + ": " + compared + " ends compared, " + inUse + " in use, modes "
                + modes + ", " + thirdAckEdits + " third ACKs edited, " + thirdAckOfAnotherMode
                + " servers made plain TCP by a third ACK of another mode; derived "
                + ExternalKeyUse.of(def));
        TreeSet<String> all = new TreeSet<>();
        def.modes().forEach(m -> all.add(m.name()));
        assertEquals(all, modes, id + ": some mode was never reached on an MPTCP end");
        assertTrue(compared > 0, id + ": nothing compared");
        if (thirdAckEdits > 0) {
            assertTrue(thirdAckOfAnotherMode > 0, id + ": no edited third ACK reached the server's mode check");
        }
        boolean keyedMode = ExternalKeyUse.of(def).stream().anyMatch(ExternalKeyUse::keyed);
        if (keyedMode) {
            assertTrue(inUse > 0 && inUse < compared, id + ": one answer only (" + inUse + " of " + compared + ")");
        } else {
            assertEquals(0, inUse, id.wireName());
        }
    }

    /** The derivation itself, on a scheme written here: a mode whose keyed join check K crosses in clear. */
    @Test
    void keyedChecksOverClearMaterialDoNotCount(@TempDir Path dir) throws Exception {
        String base = Files.readString(BuiltInDefinitions.file(SchemeId.DRAFT_PAASCH));
        List<ExternalKeyUse> honest = ExternalKeyUse.of(parse(dir, base.replace("scheme draft-paasch", "scheme kiu-honest")));
        assertEquals(List.of(false, true), honest.stream().map(ExternalKeyUse::keyed).toList(), honest.toString());
        // K on the wire in app mode: a v0 MP_CAPABLE sender-key field is 64 bits, so send its left half
        String leaky = base.replace("scheme draft-paasch", "scheme kiu-leaky")
                .replace("external K : 256 socket", "external K : 64 socket")
                .replace("message ack : handshake-ack", "message ack [app] : handshake-ack A->B MP_CAPABLE flags H\n"
                        + "  field sender-key = K\n  field receiver-key = Kb\n  check receiver-key == Kb else tcp\n"
                        + "  store Ka := sender-key\nmessage ack : handshake-ack");
        List<ExternalKeyUse> leak = ExternalKeyUse.of(parse(dir, leaky));
        assertFalse(leak.get(1).keyed(), leak.toString());
        assertTrue(leak.get(1).reason().contains("ack.sender-key"), leak.get(1).reason());
        // no join check reads K: the app mode's join-ack HMAC keyed with the clear keys again
        String unread = base.replace("scheme draft-paasch", "scheme kiu-unread")
                .replace("hmac(K, cat(Rb, Ra))", "hmac(cat(Kb, Ka), cat(Rb, Ra))")
                .replace("hmac(K, cat(Ra, Rb))", "hmac(cat(Ka, Kb), cat(Ra, Rb))");
        List<ExternalKeyUse> none = ExternalKeyUse.of(parse(dir, unread));
        assertEquals(List.of(false, false), none.stream().map(ExternalKeyUse::keyed).toList(), none.toString());
        assertTrue(none.get(1).reason().contains("no join check reads K"), none.get(1).reason());
    }

    private static SchemeDefinition parse(Path dir, String text) throws Exception {
        Path f = dir.resolve("s.scheme");
        Files.writeString(f, text);
        return DefinitionParser.parse(f);
    }

    /** Toggle {@code flag} in handshake segment {@code segment} (0 SYN, 1 SYN/ACK, 2 third ACK; -1 none). */
    private record Edit(int segment, int flag) {
        @Override
        public String toString() {
            return segment < 0 ? "honest" : "flag 0x" + Integer.toHexString(flag) + " toggled in segment " + segment;
        }
    }

    /** The option with {@code flag} toggled; unchanged where no option of that layout carries the result. */
    private static UnaryOperator<MptcpOption> toggled(int flag) {
        return o -> {
            try {
                if (o instanceof MpCapable c) {
                    return new MpCapable(c.version(), c.flags() ^ flag, c.senderKey(), c.receiverKey(), c.dataLevelLength(),
                            c.checksum());
                }
                if (o instanceof MpCapableTokens t) {
                    return new MpCapableTokens(t.version(), t.flags() ^ flag, t.senderToken(), t.receiverToken(), t.confirm());
                }
                if (o instanceof MpCapableShare s) {
                    return new MpCapableShare(s.version(), s.flags() ^ flag, s.curve(), s.share());
                }
            } catch (IllegalArgumentException layoutWithoutThatFlag) {
                return o;
            }
            return o;
        };
    }

    private record End(ConnKeys keys, HostKeys host) {}

    private record Run(List<Optional<MptcpOption>> options, List<End> states) {}

    /** One handshake (and key agreement) with the client keyed if bit 0 of config, the server if bit 1. */
    private static Run run(AuthScheme s, KeySetting setting, int config, Edit e, long seed) {
        Handshakes.Shake h = Handshakes.run(s, setting, config, seed, e.segment(), o -> o.map(toggled(e.flag())));
        ConnKeys cli = h.client();
        ConnKeys srv = h.server();
        List<End> states = new ArrayList<>(List.of(new End(cli, h.clientHost()), new End(srv, h.serverHost())));
        List<Optional<MptcpOption>> options = new ArrayList<>(h.options());
        if (cli.mptcp() && srv.mptcp()) {
            Optional<MptcpOption> fromA = s.keyAgreement(cli);
            Optional<MptcpOption> fromB = s.keyAgreement(srv);
            options.add(fromA);
            options.add(fromB);
            ConnKeys cli2 = fromB.map(o -> s.onKeyAgreement(cli, o)).orElse(cli);
            ConnKeys srv2 = fromA.map(o -> s.onKeyAgreement(srv, o)).orElse(srv);
            states.add(new End(cli2, h.clientHost()));
            states.add(new End(srv2, h.serverHost()));
        }
        return new Run(options, states);
    }
}
