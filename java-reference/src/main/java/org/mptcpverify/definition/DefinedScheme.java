package org.mptcpverify.definition;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.crypto.MptcpCrypto;
import org.mptcpverify.crypto.X25519;
import org.mptcpverify.definition.SchemeDefinition.Fresh;
import org.mptcpverify.definition.SchemeDefinition.KeySource;
import org.mptcpverify.definition.SchemeDefinition.Message;
import org.mptcpverify.definition.SchemeDefinition.Mode;
import org.mptcpverify.definition.term.Evaluator;
import org.mptcpverify.definition.term.Term;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Kstrtoul;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;
import org.mptcpverify.wire.MptcpOption;
import org.mptcpverify.wire.MptcpOption.AddAddr;
import org.mptcpverify.wire.MptcpOption.MpCapable;
import org.mptcpverify.wire.MptcpOption.MpCapableShare;
import org.mptcpverify.wire.MptcpOption.MpCapableTokens;
import org.mptcpverify.wire.MptcpOption.MpFastClose;
import org.mptcpverify.wire.MptcpOption.NewKey;

/**
 * A scheme run from its definition (docs/scheme-definitions.md): the generic endpoints call the
 * {@link AuthScheme} hooks, and every hook evaluates the definition's message of that phase, in the
 * side's mode, with real bytes and real crypto. (The attacker derives values from the same
 * definition in the traces engine, not here.)
 *
 * <p>State lives in {@link ConnKeys#slots()}; {@code $mode} holds the side's mode. The conventional
 * lets {@code tokA}/{@code tokB} give the tokens the endpoints see, {@code idsnA}/{@code idsnB} the
 * peer's IDSN; the host slot {@code token_tnb} is the reference's {@link HostKeys#tokenTnb()}.
 */
public final class DefinedScheme implements AuthScheme {
    private static final String MODE = "$mode";
    private static final String HOST_TOKEN = "token_tnb";
    /** Keys the runner draws for sin-zero sources: decimal numbers that fit in the 8 bytes of sin_zero. */

    private final SchemeDefinition def;
    private final SchemeId id;
    private final Evaluator eval;
    /** Mode -> whether the external key authenticates its joins (derived once, ExternalKeyUse). */
    private final Map<String, Boolean> keyedJoins = new LinkedHashMap<>();

    public DefinedScheme(SchemeDefinition def) {
        this.def = def;
        this.id = idOf(def);
        this.eval = new Evaluator(def.hash());
        ExternalKeyUse.of(def).forEach(u -> keyedJoins.put(u.mode(), u.keyed()));
    }

    /**
     * The scheme a definition names: the built-in of that name, or a scheme of its own whose key
     * control follows from the definition (an external K; 256-bit fresh values are Diffie-Hellman
     * private values).
     *
     * @throws IllegalArgumentException when the name is not a valid scheme name
     */
    public static SchemeId idOf(SchemeDefinition def) {
        boolean agrees = def.fresh().values().stream().anyMatch(f -> f.width() == 256);
        return SchemeId.defined(def.name(), def.keySource() != null, agrees);
    }

    public SchemeDefinition definition() {
        return def;
    }

    @Override
    public SchemeId id() {
        return id;
    }

    @Override
    public HashAlg hash() {
        return def.hash();
    }

    @Override
    public int version() {
        return def.version();
    }

    // ---- key sources --------------------------------------------------------------------------

    @Override
    public KeySetting keySetting(Bytes material) {
        KeySource s = def.keySource() == null ? KeySource.SOCKET : def.keySource();
        return switch (s) {
            case SOCKET -> new KeySetting.AppKey(material);
            case SOCKET_64_ODD -> {
                byte[] k = Arrays.copyOf(material.toArray(), 8);
                k[7] |= 1;
                yield new KeySetting.AppKey(Bytes.of(k));
            }
            case SIN_ZERO, SIN_ZERO_HOST, SIN_ZERO_LE, SIN_ZERO_HOST_LE -> KeySetting.SinZero.decimal(
                    Integer.toUnsignedLong(ByteBuffer.wrap(material.toArray()).getInt(0)) % def.sinZeroKeyCount() + 1);
        };
    }

    private static OptionalLong parsed(KeySetting setting) {
        return setting instanceof KeySetting.SinZero z ? Kstrtoul.parse(z.sinZero()) : OptionalLong.empty();
    }

    private boolean sinZero() {
        return def.keySource() != null && def.keySource().sinZero();
    }

    /** K's bytes for the decimal key {@code v}: its low keyWidth bits, in the source's byte order. */
    private byte[] sinZeroK(long v) {
        byte[] k = Evaluator.right(MptcpCrypto.be64(v), def.keyWidth());
        if (def.keySource().littleEndian()) {
            for (int i = 0, j = k.length - 1; i < j; i++, j--) {
                byte t = k[i];
                k[i] = k[j];
                k[j] = t;
            }
        }
        return k;
    }

    @Override
    public Bytes effectiveKey(KeySetting setting) {
        if (!sinZero()) {
            return socketKeyBytes(setting);
        }
        OptionalLong v = parsed(setting);
        return v.isPresent() && v.getAsLong() != 0 ? Bytes.of(sinZeroK(v.getAsLong())) : null;
    }

    private static Bytes socketKeyBytes(KeySetting setting) {
        return setting instanceof KeySetting.AppKey a ? a.key() : null;
    }

    @Override
    public Bytes socketKey(KeySetting setting) {
        if (def.keySource() != null && def.keySource().hostWide()) {
            return null; // the key is read from the host variable when used
        }
        if (sinZero()) {
            OptionalLong v = parsed(setting);
            return v.isPresent() && v.getAsLong() != 0 ? Bytes.of(MptcpCrypto.be64(v.getAsLong())) : null;
        }
        return socketKeyBytes(setting);
    }

    @Override
    public HostKeys onBindOrConnect(HostKeys host, KeySetting setting) {
        if (def.keySource() == null || !def.keySource().hostWide()) {
            return host;
        }
        OptionalLong v = parsed(setting);
        return v.isPresent() ? host.withExternalKey(v.getAsLong()) : host; // kstrtoul writes only on success
    }

    /** K as this side sees it; null when it has none (sin-zero sources: 0, the variable's initial value). */
    private Bytes keyValue(ConnKeys k, HostKeys host) {
        return switch (def.keySource() == null ? KeySource.SOCKET : def.keySource()) {
            case SOCKET, SOCKET_64_ODD -> k.extKey();
            case SIN_ZERO, SIN_ZERO_LE -> Bytes.of(sinZeroK(k.extKey() == null ? 0 : ByteBuffer.wrap(k.extKey().toArray()).getLong()));
            case SIN_ZERO_HOST, SIN_ZERO_HOST_LE -> Bytes.of(sinZeroK(host == null ? 0 : host.externalKeyTnb()));
        };
    }

    private boolean hasKey(ConnKeys k, HostKeys host) {
        Bytes v = keyValue(k, host);
        return v != null && !(sinZero() && isZero(v));
    }

    private static boolean isZero(Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- modes -----------------------------------------------------------------------------------

    /** The mode a side configured like this prefers: the first non-base mode whose requirement holds. */
    private String preferred(boolean hasKey) {
        for (Mode m : def.modes().subList(1, def.modes().size())) {
            if (!m.requiresKey() || hasKey) {
                return m.name();
            }
        }
        return def.baseMode().name();
    }

    /**
     * The side's mode: stored, or for a host-wide key re-read from the host at each use (as the
     * thesis code does); {@code host} null: the stored one.
     */
    public String modeOf(ConnKeys k, HostKeys host) {
        if (def.localModes() && def.keySource() != null && def.keySource().hostWide() && host != null) {
            return preferred(hasKey(k, host));
        }
        Bytes m = k.slots().get(MODE);
        return m == null ? def.baseMode().name() : new String(m.toArray(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * DowngradeResistance's question, answered from the definition: this side holds a key (a
     * sin-zero source: a non-zero one) and its mode's joins are checked against a term built from K
     * that the clear handshake does not give away ({@link ExternalKeyUse}).
     */
    @Override
    public boolean externalKeyInUse(ConnKeys keys, HostKeys host) {
        return def.keySource() != null && hasKey(keys, host) && keyedJoins.getOrDefault(modeOf(keys, host), false);
    }

    private Mode mode(String name) {
        return def.mode(name).orElseThrow();
    }

    /** The signalled mode whose flag a received MP_CAPABLE carries (the base mode if none). */
    private String offered(int flags) {
        if (def.localModes()) {
            return null;
        }
        for (Mode m : def.modes()) {
            if (m.flag() != 0 && (flags & m.flag()) != 0) {
                return m.name();
            }
        }
        return def.baseMode().name();
    }

    /** The mode a receiver continues in after a handshake segment of mode {@code offered}; null: plain TCP. */
    private String negotiate(String offered, String own) {
        if (offered == null || offered.equals(own)) {
            return own;
        }
        if (own.equals(def.baseMode().name())) {
            return own; // a side without the mode's configuration ignores the flag
        }
        return mode(own).mismatchTcp() ? null : def.baseMode().name();
    }

    // ---- evaluation context ------------------------------------------------------------------------

    /** What one side can name: received fields, parameters, slots, host slots, K, lets. */
    private final class Ctx {
        final ConnKeys keys;
        final HostKeys host;
        final String mode;
        final Map<String, Bytes> params = new HashMap<>();
        final Map<String, Bytes> received = new HashMap<>();
        final Map<String, Bytes> slots;
        int tokenTnb;

        Ctx(ConnKeys keys, HostKeys host, String mode) {
            this.keys = keys;
            this.host = host;
            this.mode = mode;
            this.slots = new LinkedHashMap<>(keys.slots());
            this.tokenTnb = host == null ? 0 : host.tokenTnb();
        }

        Bytes get(String n) {
            if (received.containsKey(n)) return received.get(n);
            if (params.containsKey(n)) return params.get(n);
            if (slots.containsKey(n)) return slots.get(n);
            if (n.equals(HOST_TOKEN) && def.hostSlots().containsKey(n)) return Bytes.of(MptcpCrypto.be32(tokenTnb));
            if (n.equals(DefinitionParser.KEY)) return keyValue(keys, host);
            Optional<Term> let = def.let(n, mode);
            if (let.isPresent()) {
                return eval.eval(let.get(), this::get);
            }
            return null;
        }

        Optional<Bytes> value(Term t) {
            try {
                return Optional.of(eval.eval(t, this::get));
            } catch (Evaluator.Undefined e) {
                return Optional.empty();
            }
        }

        /** The connection state with the slots and the conventional tokens written back. */
        ConnKeys result(boolean mptcp) {
            Map<String, Bytes> s = new LinkedHashMap<>(slots);
            s.put(MODE, Bytes.of(mode.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            ConnKeys k = keys.withSlots(s).withMptcp(mptcp).withExtMode(!mode.equals(def.baseMode().name()));
            Role r = k.role();
            int local = value(atom(r == Role.A ? "tokA" : "tokB")).map(DefinedScheme::int32).orElse(k.localToken());
            int remote = value(atom(r == Role.A ? "tokB" : "tokA")).map(DefinedScheme::int32).orElse(k.remoteToken());
            return k.withTokens(local, remote);
        }
    }

    private static Term atom(String n) {
        return new Term.Atom(n, 32);
    }

    private static int int32(Bytes b) {
        return ByteBuffer.wrap(b.toArray()).getInt(b.length() - 4);
    }

    private static long int64(Bytes b) {
        return ByteBuffer.wrap(b.toArray()).getLong(b.length() - 8);
    }

    private Ctx ctx(ConnKeys k, HostKeys host) {
        return new Ctx(k, host, modeOf(k, host));
    }

    // ---- sending and receiving one message ------------------------------------------------------------

    /** Runs the sender's lines of {@code m}; returns its field values. */
    private Map<String, Bytes> send(Message m, Ctx c, SplittableRandom rnd, IntPredicate tokenInUse) {
        Map<String, Bytes> fields = new LinkedHashMap<>();
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.Draw d) {
                c.slots.put(d.atom(), draw(def.fresh().get(d.atom()), c, rnd, tokenInUse));
            } else if (s instanceof Stmt.Set st) {
                Bytes v = c.value(st.term()).orElseThrow(() -> undefined(m, st));
                if (st.host()) {
                    c.tokenTnb = int32(v);
                } else {
                    c.slots.put(st.slot(), v);
                }
            } else if (s instanceof Stmt.Field f) {
                fields.put(f.name(), c.value(f.term()).orElseThrow(() -> undefined(m, f)));
            }
        }
        return fields;
    }

    private IllegalStateException undefined(Message m, Stmt s) {
        return new IllegalStateException(def.file() + ":" + s.line() + ": cannot evaluate in message " + m.name());
    }

    private Bytes draw(Fresh f, Ctx c, SplittableRandom rnd, IntPredicate tokenInUse) {
        while (true) {
            Bytes v = drawBits(f.width(), rnd);
            if (f.nonzero() && isZero(v)) {
                continue;
            }
            if (f.distinct() != null && v.equals(c.slots.get(f.distinct()))) {
                continue;
            }
            if (f.unused() != null && tokenInUse != null) {
                Map<String, Bytes> env = Map.of(f.name(), v);
                if (tokenInUse.test(int32(eval.eval(f.unused(), env::get)))) {
                    continue;
                }
            }
            return v;
        }
    }

    /** 32: nextInt; 64: nextLong; 256 (an X25519 private value): four nextLong, big-endian, as Ecdh draws. */
    private static Bytes drawBits(int width, SplittableRandom rnd) {
        if (width == 32) {
            return Bytes.of(MptcpCrypto.be32(rnd.nextInt()));
        }
        byte[][] parts = new byte[width / 64][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = MptcpCrypto.be64(rnd.nextLong());
        }
        return Bytes.of(MptcpCrypto.concat(parts));
    }

    /** Runs the receiver's lines of {@code m} on {@code fields}: the failed check's outcome, or empty. */
    private Optional<Stmt.Outcome> receive(Message m, Ctx c, Map<String, Bytes> fields) {
        c.received.putAll(fields);
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.Store st) {
                Optional<Bytes> v = c.value(st.term());
                if (v.isEmpty()) {
                    return Optional.of(Stmt.Outcome.DROP);
                }
                c.slots.put(st.slot(), v.get());
            } else if (s instanceof Stmt.Check ch) {
                Bytes got = fields.get(ch.field());
                Optional<Bytes> want = c.value(ch.term());
                if (got == null || want.isEmpty() || !MptcpCrypto.constantTimeEquals(got, want.get())) {
                    return Optional.of(ch.outcome());
                }
            }
        }
        c.received.clear();
        return Optional.empty();
    }

    private static boolean hasChecks(Message m) {
        return m.body().stream().anyMatch(Stmt.Check.class::isInstance);
    }

    // ---- MP_CAPABLE ------------------------------------------------------------------------------------

    private int capableFlags(Message m, String mode) {
        return m.flags() | mode(mode).flag();
    }

    private MptcpOption capable(Message m, String mode, Map<String, Bytes> f) {
        return capableOption(def.version(), capableFlags(m, mode), f);
    }

    /**
     * The MP_CAPABLE a message with these flags and fields puts on the wire. The flags choose the
     * layout (E or G in v1: the token layouts), so fields a layout has no room for would be lost;
     * {@code DefinitionParser} builds every variant through here and refuses such a definition.
     * Throws IllegalArgumentException where no option of the version has that form.
     */
    static MptcpOption capableOption(int version, int flags, Map<String, Bytes> f) {
        if (f.containsKey("share")) {
            return new MpCapableShare(1, flags, MpCapableShare.CURVE_X25519, f.get("share"));
        }
        boolean tokens = f.containsKey("sender-token") || f.containsKey("receiver-token") || f.containsKey("confirm")
                || MpCapableTokens.isTokenLayout(version, flags, 4);
        if (tokens) {
            return new MpCapableTokens(1, flags, optInt(f.get("sender-token")), optInt(f.get("receiver-token")),
                    optLong(f.get("confirm")));
        }
        return new MpCapable(version, flags, optLong(f.get("sender-key")), optLong(f.get("receiver-key")),
                OptionalInt.empty(), OptionalInt.empty());
    }

    private static OptionalInt optInt(Bytes b) {
        return b == null ? OptionalInt.empty() : OptionalInt.of(int32(b));
    }

    private static OptionalLong optLong(Bytes b) {
        return b == null ? OptionalLong.empty() : OptionalLong.of(int64(b));
    }

    /**
     * The fields of a received MP_CAPABLE of this scheme's version, or empty (none, or another
     * version). The data-level length and checksum of an RFC 8684 third ACK that carries data are
     * data-sequence fields, no definition's: not read, so such a third ACK counts as the bare one
     * (as the hand-written classes and Linux take it).
     */
    private Optional<Map<String, Bytes>> capableFields(Optional<MptcpOption> o) {
        return capableFieldsOf(def.version(), o);
    }

    /** The fields of a received MP_CAPABLE of this version, or empty (none, or another version). */
    static Optional<Map<String, Bytes>> capableFieldsOf(int version, Optional<MptcpOption> o) {
        Map<String, Bytes> f = new LinkedHashMap<>();
        if (o.isPresent() && o.get() instanceof MpCapable c && c.version() == version) {
            c.senderKey().ifPresent(v -> f.put("sender-key", Bytes.of(MptcpCrypto.be64(v))));
            c.receiverKey().ifPresent(v -> f.put("receiver-key", Bytes.of(MptcpCrypto.be64(v))));
            return Optional.of(f);
        }
        if (o.isPresent() && o.get() instanceof MpCapableTokens t && t.version() == version) {
            t.senderToken().ifPresent(v -> f.put("sender-token", Bytes.of(MptcpCrypto.be32(v))));
            t.receiverToken().ifPresent(v -> f.put("receiver-token", Bytes.of(MptcpCrypto.be32(v))));
            t.confirm().ifPresent(v -> f.put("confirm", Bytes.of(MptcpCrypto.be64(v))));
            return Optional.of(f);
        }
        if (o.isPresent() && o.get() instanceof MpCapableShare sh && sh.version() == version
                && sh.curve() == MpCapableShare.CURVE_X25519) {
            f.put("share", sh.share());
            return Optional.of(f);
        }
        return Optional.empty();
    }

    private static int flagsOf(Optional<MptcpOption> o) {
        if (o.isPresent() && o.get() instanceof MpCapable c) return c.flags();
        if (o.isPresent() && o.get() instanceof MpCapableTokens t) return t.flags();
        if (o.isPresent() && o.get() instanceof MpCapableShare sh) return sh.flags();
        return 0;
    }

    /** Whether the received fields are exactly the ones the message variant sends (its wire layout). */
    private static boolean layoutMatches(Message m, Map<String, Bytes> fields) {
        return fields.keySet().equals(new LinkedHashSet<>(m.fields().stream().map(Stmt.Field::name).toList()));
    }

    private Message handshake(Phase p, Role from, String mode) {
        return def.message(p, from, mode).orElseThrow(() -> new IllegalStateException(
                def.file() + ": no " + p.keyword() + " message for mode " + mode));
    }

    @Override
    public Hello clientSyn(Bytes socketKey, SplittableRandom rnd) {
        ConnKeys keys = ConnKeys.start(Role.A, socketKey);
        String mode = preferred(hasKey(keys, null));
        Ctx c = new Ctx(keys, null, mode);
        Message m = handshake(Phase.HANDSHAKE_SYN, Role.A, mode);
        Map<String, Bytes> f = send(m, c, rnd, null);
        return new Hello(Optional.of(capable(m, mode, f)), c.result(false));
    }

    @Override
    public Hello serverSynAck(Optional<MptcpOption> syn, Bytes socketKey, SplittableRandom rnd, IntPredicate tokenInUse) {
        ConnKeys keys = ConnKeys.start(Role.B, socketKey);
        return answer(keys, syn, preferred(hasKey(keys, null)), Phase.HANDSHAKE_SYN, Phase.HANDSHAKE_SYN_ACK, rnd, tokenInUse);
    }

    /**
     * One handshake step: the received MP_CAPABLE ({@code inPhase}, from the peer) negotiated against
     * this side's mode and checked, then this side's answer ({@code outPhase}); plain TCP (no option)
     * when there is no MP_CAPABLE of this version, the modes do not agree, or a check fails.
     */
    private Hello answer(ConnKeys keys, Optional<MptcpOption> received, String own, Phase inPhase, Phase outPhase,
                         SplittableRandom rnd, IntPredicate tokenInUse) {
        Optional<Map<String, Bytes>> got = capableFields(received);
        String mode = got.isEmpty() ? null : negotiate(offered(flagsOf(received)), own);
        if (mode == null) {
            return new Hello(Optional.empty(), keys.withMptcp(false)); // bound-key's "no downgrade" lands here
        }
        Message in = handshake(inPhase, keys.role().peer(), mode);
        Ctx c = new Ctx(keys, null, mode);
        if (!layoutMatches(in, got.get()) || receive(in, c, got.get()).isPresent()) {
            return new Hello(Optional.empty(), keys.withMptcp(false));
        }
        Message out = handshake(outPhase, keys.role(), mode);
        Map<String, Bytes> f = send(out, c, rnd, tokenInUse);
        return new Hello(Optional.of(capable(out, mode, f)), c.result(true));
    }

    @Override
    public HostKeys onServerConnectionCreated(HostKeys host, ConnKeys keys) {
        Message m = handshake(Phase.HANDSHAKE_SYN_ACK, Role.B, modeOf(keys, null));
        if (m.body().stream().noneMatch(s -> s instanceof Stmt.Set st && st.host())) {
            return host;
        }
        Ctx c = new Ctx(keys, host, modeOf(keys, null));
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.Set st && st.host()) {
                c.tokenTnb = int32(c.value(st.term()).orElseThrow(() -> undefined(m, st)));
            }
        }
        return host.withTokenTnb(c.tokenTnb);
    }

    @Override
    public Hello clientThirdAck(ConnKeys keys, Optional<MptcpOption> synAck, SplittableRandom rnd) {
        return answer(keys, synAck, modeOf(keys, null), Phase.HANDSHAKE_SYN_ACK, Phase.HANDSHAKE_ACK, rnd, null);
    }

    @Override
    public ConnKeys serverEstablished(ConnKeys keys, Optional<MptcpOption> ack) {
        Optional<Map<String, Bytes>> got = capableFields(ack);
        if (got.isEmpty() || !keys.mptcp()) {
            return keys.withMptcp(false);
        }
        String mode = modeOf(keys, null);
        String offered = offered(flagsOf(ack));
        if (offered != null && !offered.equals(mode)) {
            return keys.withMptcp(false);
        }
        Message in = handshake(Phase.HANDSHAKE_ACK, Role.A, mode);
        Ctx c = new Ctx(keys, null, mode);
        if (!layoutMatches(in, got.get()) || receive(in, c, got.get()).isPresent()) {
            return keys.withMptcp(false);
        }
        return c.result(true);
    }

    @Override
    public OptionalLong peerIdsn(ConnKeys keys) {
        Ctx c = ctx(keys, null);
        return c.value(new Term.Atom(keys.role() == Role.A ? "idsnB" : "idsnA", 64))
                .map(b -> OptionalLong.of(int64(b))).orElse(OptionalLong.empty());
    }

    // ---- key agreement -------------------------------------------------------------------------------

    @Override
    public Optional<MptcpOption> keyAgreement(ConnKeys keys) {
        if (!keys.mptcp()) {
            return Optional.empty();
        }
        Ctx c = ctx(keys, null);
        return def.message(Phase.KEY_AGREEMENT, keys.role(), c.mode).map(m -> {
            Map<String, Bytes> f = send(m, c, null, null);
            // a public value is the key-share layout (mptls), an HMAC the NEW_KEY layout (draft-baerts)
            return f.containsKey("share") ? new MptcpOption.KeyShare(0, f.get("share"))
                    : new NewKey(0, int64(f.get("hmac")));
        });
    }

    @Override
    public ConnKeys onKeyAgreement(ConnKeys keys, MptcpOption option) {
        Map<String, Bytes> fields;
        if (option instanceof NewKey nk) {
            fields = Map.of("hmac", Bytes.of(MptcpCrypto.be64(nk.hmac())));
        } else if (option instanceof MptcpOption.KeyShare ks) {
            fields = Map.of("share", ks.share());
        } else {
            return keys;
        }
        if (!keys.mptcp() || keys.keyActive()) {
            return keys;
        }
        Ctx c = ctx(keys, null);
        Optional<Message> m = def.message(Phase.KEY_AGREEMENT, keys.role().peer(), c.mode);
        if (m.isEmpty() || !layoutMatches(m.get(), fields)) {
            return keys;
        }
        boolean ok = receive(m.get(), c, fields).isEmpty();
        return ok ? keys.withSlots(c.slots).withKeyActive(true) : keys; // with what it stored (a public value)
    }

    /** Whether this side authenticates anything yet (a mode marked until-agreed waits for the key agreement). */
    @Override
    public boolean joinsAllowed(ConnKeys keys) {
        return keys.mptcp() && (!mode(modeOf(keys, null)).untilAgreed() || keys.keyActive());
    }

    // ---- MP_JOIN ------------------------------------------------------------------------------------------

    @Override
    public int joinTokenField(ConnKeys clientKeys, int joinIndex, HostKeys host) {
        Ctx c = ctx(clientKeys, host);
        c.params.put("i", Bytes.of(MptcpCrypto.be32(joinIndex)));
        Message m = handshake(Phase.JOIN_SYN, Role.A, c.mode);
        return int32(send(m, c, null, null).get("token"));
    }

    private Optional<Stmt.Lookup> lookupOf(String mode) {
        return def.message(Phase.JOIN_SYN, Role.A, mode).flatMap(m -> m.body().stream()
                .filter(Stmt.Lookup.class::isInstance).map(Stmt.Lookup.class::cast).findFirst());
    }

    @Override
    public Optional<JoinMatch> lookupJoin(int field, List<ConnRef> conns, HostKeys host) {
        Bytes f = Bytes.of(MptcpCrypto.be32(field));
        for (ConnRef ref : conns) {
            Ctx c = ctx(ref.keys(), host);
            Optional<Stmt.Lookup> l = lookupOf(c.mode);
            if (l.isEmpty()) {
                continue;
            }
            switch (l.get().kind()) {
                case NEWEST -> {
                    ConnRef last = conns.get(conns.size() - 1);
                    return Optional.of(new JoinMatch(last.id(), last.keys()));
                }
                case HOST -> {
                    if (!c.value(l.get().expect()).map(v -> MptcpCrypto.constantTimeEquals(v, f)).orElse(false)) {
                        return Optional.empty();
                    }
                    for (ConnRef d : conns) {
                        Ctx dc = ctx(d.keys(), host);
                        Optional<Bytes> left = dc.value(l.get().attachLeft());
                        if (left.isPresent() && left.equals(dc.value(l.get().attachRight()))) {
                            return Optional.of(new JoinMatch(d.id(), d.keys()));
                        }
                    }
                    return Optional.empty();
                }
                case PER_CONNECTION -> {
                    Optional<JoinMatch> hit = perConnection(l.get(), ref, c, f);
                    if (hit.isPresent()) {
                        return hit;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<JoinMatch> perConnection(Stmt.Lookup l, ConnRef ref, Ctx c, Bytes field) {
        if (l.window() == 0) {
            boolean hit = c.value(l.expect()).map(v -> MptcpCrypto.constantTimeEquals(v, field)).orElse(false);
            return hit ? Optional.of(new JoinMatch(ref.id(), ref.keys())) : Optional.empty();
        }
        int checked = 0;
        for (int i = 1; checked < l.window(); i++) {
            if (l.once() && ref.keys().usedTickets().contains(i)) {
                continue;
            }
            checked++;
            c.params.put("i", Bytes.of(MptcpCrypto.be32(i)));
            if (c.value(l.expect()).map(v -> MptcpCrypto.constantTimeEquals(v, field)).orElse(false)) {
                return Optional.of(new JoinMatch(ref.id(), l.once() ? ref.keys().withTicketUsed(i) : ref.keys()));
            }
        }
        return Optional.empty();
    }

    @Override
    public int halfOpenLimit(int configured) {
        return def.halfOpenUnlimited() ? Integer.MAX_VALUE : configured;
    }

    private Ctx joinCtx(ConnKeys k, int rA, int rB, InetAddress serverAddr) {
        Ctx c = ctx(k, null);
        c.params.put("Ra", Bytes.of(MptcpCrypto.be32(rA)));
        c.params.put("Rb", Bytes.of(MptcpCrypto.be32(rB)));
        if (serverAddr != null) {
            c.params.put("addrB", Bytes.of(serverAddr.getAddress()));
        }
        return c;
    }

    @Override
    public long synAckHmac(ConnKeys serverKeys, int rA, int rB, InetAddress serverAddr) {
        Ctx c = joinCtx(serverKeys, rA, rB, serverAddr);
        return int64(send(handshake(Phase.JOIN_SYN_ACK, Role.B, c.mode), c, null, null).get("hmac"));
    }

    @Override
    public boolean synAckHmacOk(ConnKeys clientKeys, int rA, int rB, long hmac, InetAddress serverAddr) {
        Ctx c = joinCtx(clientKeys, rA, rB, serverAddr);
        return receive(handshake(Phase.JOIN_SYN_ACK, Role.B, c.mode), c, Map.of("hmac", Bytes.of(MptcpCrypto.be64(hmac)))).isEmpty();
    }

    @Override
    public Bytes thirdAckHmac(ConnKeys clientKeys, int rA, int rB) {
        Ctx c = joinCtx(clientKeys, rA, rB, null);
        return send(handshake(Phase.JOIN_ACK, Role.A, c.mode), c, null, null).get("hmac");
    }

    @Override
    public boolean thirdAckHmacOk(ConnKeys serverKeys, int rA, int rB, Bytes hmac) {
        Ctx c = joinCtx(serverKeys, rA, rB, null);
        return receive(handshake(Phase.JOIN_ACK, Role.A, c.mode), c, Map.of("hmac", hmac)).isEmpty();
    }

    /**
     * Keys to authenticate with: in a mode that authenticates nothing before the key agreement
     * (until-agreed), only once it completed, as the hand-written key-share rows say.
     */
    @Override
    public boolean hasAuthenticationKeys(ConnKeys keys) {
        return !keys.mptcp() || !mode(modeOf(keys, null)).untilAgreed() || keys.keyActive();
    }

    // ---- REMOVE_ADDR / MP_PRIO: stated by the definition or, as RFC 8684, unauthenticated -------------------

    /** The option's address ids as the parameter {@code id}: one octet each (the reference sends one). */
    private static Bytes idOctets(List<Integer> ids) {
        byte[] out = new byte[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) ids.get(i);
        }
        return Bytes.of(out);
    }

    private static Bytes flagOctet(boolean backup) {
        return Bytes.of(new byte[] {(byte) (backup ? 1 : 0)});
    }

    @Override
    public MptcpOption removeAddr(ConnKeys sender, List<Integer> ids) {
        Ctx c = ctx(sender, null);
        Optional<Message> m = def.message(Phase.REMOVE_ADDR, sender.role(), c.mode);
        if (m.isEmpty()) {
            return new MptcpOption.RemoveAddr(ids);
        }
        c.params.put("id", idOctets(ids));
        return new MptcpOption.RemoveAddr(ids, optLong(send(m.get(), c, null, null).get("hmac")));
    }

    @Override
    public boolean removeAddrOk(ConnKeys receiver, MptcpOption.RemoveAddr option) {
        return pathManagerOk(Phase.REMOVE_ADDR, receiver, "id", idOctets(option.addressIds()), option.tag(), true);
    }

    /**
     * The receiver's lines of a stated REMOVE_ADDR / MP_PRIO on its parameter and tag: true when the
     * definition states no such message (or no check), false before the key agreement or when
     * {@code layoutOk} is false (an MP_PRIO with RFC 6824's address id, which the tag does not cover).
     */
    private boolean pathManagerOk(Phase phase, ConnKeys receiver, String param, Bytes value, OptionalLong tag,
                                  boolean layoutOk) {
        Ctx c = ctx(receiver, null);
        Optional<Message> m = def.message(phase, receiver.role().peer(), c.mode);
        if (m.isEmpty() || !hasChecks(m.get())) {
            return true;
        }
        if (!joinsAllowed(receiver) || !layoutOk) {
            return false;
        }
        c.params.put(param, value);
        Map<String, Bytes> got = new HashMap<>();
        tag.ifPresent(v -> got.put("hmac", Bytes.of(MptcpCrypto.be64(v))));
        return receive(m.get(), c, got).isEmpty();
    }

    @Override
    public MptcpOption mpPrio(ConnKeys sender, boolean backup) {
        Ctx c = ctx(sender, null);
        Optional<Message> m = def.message(Phase.MP_PRIO, sender.role(), c.mode);
        if (m.isEmpty()) {
            return new MptcpOption.MpPrio(backup, OptionalInt.empty());
        }
        c.params.put("backup", flagOctet(backup));
        return new MptcpOption.MpPrio(backup, OptionalInt.empty(), optLong(send(m.get(), c, null, null).get("hmac")));
    }

    /** A stated, checked MP_PRIO has RFC 8684's layout: RFC 6824's address id is not covered, so refused. */
    @Override
    public boolean mpPrioOk(ConnKeys receiver, MptcpOption.MpPrio option) {
        return pathManagerOk(Phase.MP_PRIO, receiver, "backup", flagOctet(option.backup()), option.tag(),
                option.addressId().isEmpty());
    }

    // ---- ADD_ADDR / MP_FASTCLOSE -----------------------------------------------------------------------------

    /** RFC 8684 3.4.1: the HMAC covers the port, two zero octets when none is sent. */
    private static void addrParams(Ctx c, int id, InetAddress addr, OptionalInt port) {
        c.params.put("id", Bytes.of(new byte[] {(byte) id}));
        c.params.put("addr", Bytes.of(addr.getAddress()));
        c.params.put("port", Bytes.of(MptcpCrypto.be16(port.orElse(0))));
    }

    private int addAddrFlags(InetAddress addr) {
        return addAddrFlags(def.version(), addr);
    }

    static int addAddrFlags(int version, InetAddress addr) {
        return version == 0 ? (addr.getAddress().length == 4 ? 4 : 6) : 0; // v0: the nibble is IPVer
    }

    @Override
    public MptcpOption addAddr(ConnKeys sender, int id, InetAddress addr, OptionalInt port) {
        Ctx c = ctx(sender, null);
        addrParams(c, id, addr, port);
        Map<String, Bytes> f = send(handshake(Phase.ADD_ADDR, sender.role(), c.mode), c, null, null);
        return new AddAddr(def.version(), addAddrFlags(addr), id, addr, port, optLong(f.get("hmac")));
    }

    @Override
    public boolean addAddrOk(ConnKeys receiver, AddAddr option) {
        if (option.version() != def.version() || !joinsAllowed(receiver)) {
            return false;
        }
        Ctx c = ctx(receiver, null);
        addrParams(c, option.addressId(), option.address(), option.port());
        Map<String, Bytes> got = new HashMap<>();
        option.truncatedHmac().ifPresent(v -> got.put("hmac", Bytes.of(MptcpCrypto.be64(v))));
        return receive(handshake(Phase.ADD_ADDR, receiver.role().peer(), c.mode), c, got).isEmpty();
    }

    @Override
    public MptcpOption fastClose(ConnKeys sender) {
        Ctx c = ctx(sender, null);
        return new MpFastClose(0, int64(send(handshake(Phase.FAST_CLOSE, sender.role(), c.mode), c, null, null).get("key")));
    }

    @Override
    public boolean fastCloseOk(ConnKeys receiver, MpFastClose option) {
        if (!joinsAllowed(receiver)) {
            return false;
        }
        Ctx c = ctx(receiver, null);
        return receive(handshake(Phase.FAST_CLOSE, receiver.role().peer(), c.mode), c,
                Map.of("key", Bytes.of(MptcpCrypto.be64(option.value())))).isEmpty();
    }

    // ---- reading a capture ------------------------------------------------------------------------------------

    /** The phases whose {@code store} lines make a connection's state, in the order they happen. */
    private static final List<Phase> STATE_PHASES = List.of(Phase.HANDSHAKE_SYN, Phase.HANDSHAKE_SYN_ACK,
            Phase.HANDSHAKE_ACK, Phase.KEY_AGREEMENT);

    /**
     * The state {@code side} holds once the phases before {@code upTo} (null: the handshake and the
     * key agreement) took place as a capture shows them, for `inspect`, which then checks each
     * captured value with this scheme's receiving lines on it. The slots are what the definition's
     * {@code store} lines of those messages, in the mode the capture shows, take from the captured
     * fields (the values both sides agree on, so either side's); the external key is the one
     * {@code setting} gives that side. Empty when a stored field was not captured, or when the mode
     * requires K and the side has none: nothing of that side can be computed then.
     */
    public Optional<ConnKeys> capturedState(CapturedHandshake seen, Role side, KeySetting setting, HostKeys host,
                                            Phase upTo) {
        ConnKeys start = ConnKeys.start(side, socketKey(setting));
        boolean hasKey = hasKey(start, host);
        String mode = def.localModes() ? preferred(hasKey)
                : seen.capableFlags() < 0 ? def.baseMode().name() : offered(seen.capableFlags());
        if (mode(mode).requiresKey() && !hasKey) {
            return Optional.empty();
        }
        Ctx c = new Ctx(start, host, mode);
        for (Phase p : STATE_PHASES.subList(0, upTo == null ? STATE_PHASES.size() : STATE_PHASES.indexOf(upTo))) {
            for (Role from : List.of(Role.A, Role.B)) {
                Optional<Message> m = def.message(p, from, mode);
                if (m.isEmpty()) {
                    continue;
                }
                c.received.putAll(seen.fieldsFrom(from));
                for (Stmt s : m.get().body()) {
                    if (s instanceof Stmt.Store st) {
                        Optional<Bytes> v = c.value(st.term());
                        if (v.isEmpty()) {
                            return Optional.empty();
                        }
                        c.slots.put(st.slot(), v.get());
                    }
                }
                c.received.clear();
            }
        }
        ConnKeys k = c.result(true);
        // Checked as by an endpoint whose key agreement completed; a NEW_KEY is checked on its own.
        return Optional.of(mode(mode).untilAgreed() ? k.withKeyActive(true) : k);
    }

    // ---- the key control of the generic engines: private values the attacker may be given ---------------------

    @Override
    public Set<Bytes> privateValues(ConnKeys keys) {
        Set<Bytes> out = new LinkedHashSet<>();
        def.fresh().values().stream().filter(f -> f.width() == 256)
                .map(f -> keys.slots().get(f.name())).filter(java.util.Objects::nonNull).forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return def.name();
    }
}
