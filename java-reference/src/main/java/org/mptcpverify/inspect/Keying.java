package org.mptcpverify.inspect;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.mptcpverify.definition.CapturedHandshake;
import org.mptcpverify.definition.DefinedScheme;
import org.mptcpverify.definition.Phase;
import org.mptcpverify.engine.WitnessChecks;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.scheme.Kstrtoul;
import org.mptcpverify.scheme.Role;
import org.mptcpverify.vocab.SchemeId;
import org.mptcpverify.wire.Bytes;

/**
 * The scheme a capture is read under and the key setting each side's application used
 * ({@code inspect --scheme S --key [A|B=]VALUE}). The scheme is run from its definition
 * (models/schemes): every captured value is checked against the term the definition gives it,
 * with the receiving lines the reference runs (DefinitionVsJavaSegmentsTest holds them to the
 * built-in classes byte for byte).
 */
public record Keying(DefinedScheme scheme, KeySetting a, KeySetting b) {

    /** The built-in scheme {@code id} run from its committed definition. */
    public static DefinedScheme scheme(SchemeId id) {
        return new DefinedScheme(WitnessChecks.builtIn(id));
    }

    public KeySetting setting(Role side) {
        return side == Role.A ? a : b;
    }

    /** Whether the scheme needs an external key that {@code side} was not given. */
    public boolean missingKey(Role side) {
        return scheme.id().usesExternalKey() && setting(side).isNone();
    }

    /** The state of {@code side} after the handshake the capture shows, under that side's key setting. */
    Optional<ConnKeys> state(CapturedHandshake seen, Role side) {
        return scheme.capturedState(seen, side, setting(side), host(side), null);
    }

    /** The state of {@code side} before the handshake segment of {@code phase}. */
    Optional<ConnKeys> stateBefore(CapturedHandshake seen, Role side, Phase phase) {
        return scheme.capturedState(seen, side, setting(side), host(side), phase);
    }

    /** The host state after {@code side}'s bind() / connect() (thesis-xor-global keeps the key host-wide). */
    HostKeys host(Role side) {
        return scheme.onBindOrConnect(HostKeys.initial(), setting(side));
    }

    /** Why a value needing {@code side}'s state could not be checked. */
    String unavailable(Role side) {
        return missingKey(side)
                ? scheme.id().wireName() + " keys it with side " + side + "'s external key: give --key " + side + "=VALUE"
                : "a key it is derived from was not captured";
    }

    /**
     * A key value in the format the scheme's {@link KeySetting} takes: the decimal string an
     * application writes into sin_zero (thesis; read by kstrtoul, at most 8 bytes), otherwise the
     * key bytes in hex, as long as the keys the scheme draws.
     *
     * @throws IllegalArgumentException one line saying what is wrong
     */
    public static KeySetting parseKey(AuthScheme scheme, String value) {
        if (!scheme.id().usesExternalKey()) {
            throw new IllegalArgumentException("scheme " + scheme.id().wireName() + " uses no external key");
        }
        KeySetting shape = scheme.keySetting(Bytes.of(new byte[32]));
        if (shape instanceof KeySetting.SinZero) {
            if (!value.matches("[0-9]{1,8}")) {
                throw new IllegalArgumentException("key " + quote(value) + ": " + scheme.id().wireName()
                        + " takes the decimal string written to sin_zero, 1 to 8 digits");
            }
            return new KeySetting.SinZero(Bytes.of(Arrays.copyOf(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 8)));
        }
        if (shape instanceof KeySetting.AppKey k) {
            int len = k.key().length();
            if (!value.matches("(?i)[0-9a-f]{" + (2 * len) + "}")) {
                throw new IllegalArgumentException("key " + quote(value) + ": " + scheme.id().wireName()
                        + " takes a " + len + "-byte key as " + (2 * len) + " hex digits");
            }
            return new KeySetting.AppKey(Bytes.of(HexFormat.of().parseHex(value.toLowerCase(java.util.Locale.ROOT))));
        }
        throw new IllegalArgumentException("scheme " + scheme.id().wireName() + " takes no key value");
    }

    /** The value {@link #parseKey} reads back into {@code setting}. */
    public static String formatKey(KeySetting setting) {
        if (setting instanceof KeySetting.SinZero z) {
            OptionalLong v = Kstrtoul.parse(z.sinZero());
            if (v.isEmpty()) {
                throw new IllegalArgumentException("sin_zero does not parse as a decimal key");
            }
            return Long.toUnsignedString(v.getAsLong());
        }
        if (setting instanceof KeySetting.AppKey k) {
            return k.key().hex();
        }
        throw new IllegalArgumentException("no key configured");
    }

    private static String quote(String v) {
        return v.length() > 40 ? "'" + v.substring(0, 40) + "...'" : "'" + v + "'";
    }
}
