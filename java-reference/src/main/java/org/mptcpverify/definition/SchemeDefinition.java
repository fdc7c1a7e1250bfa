package org.mptcpverify.definition;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mptcpverify.crypto.HashAlg;
import org.mptcpverify.definition.term.Term;
import org.mptcpverify.scheme.Role;

/**
 * One parsed scheme definition (docs/scheme-definitions.md): data only, interpreted by
 * {@link DefinedScheme} and by the attacker's deduction.
 *
 * @param lets      name -> (mode, "" for every mode without its own) -> term, unexpanded
 * @param keyValues the number of values the external key takes ({@code values K : N}; a sin-zero key
 *                  is then the decimal 1..N); 0: undeclared (sin-zero: {@link #MAX_SIN_ZERO_KEY})
 */
public record SchemeDefinition(String name, String file, int version, HashAlg hash, KeySource keySource,
                               int keyWidth, Map<String, Fresh> fresh, Map<String, Integer> slots,
                               Map<String, Integer> hostSlots, boolean halfOpenUnlimited, List<Mode> modes,
                               Map<String, Map<String, Term>> lets, List<Message> messages, long keyValues) {
    /**
     * The largest decimal key the reference draws for a sin-zero key: eight digits, all that fits in
     * the 8-byte sin_zero with a terminating NUL left out (kstrtoul stops at its end).
     */
    public static final long MAX_SIN_ZERO_KEY = 99_999_999L;

    /** How many values K takes when drawn for a sin-zero source (1..this). */
    public long sinZeroKeyCount() {
        return keyValues > 0 ? keyValues : MAX_SIN_ZERO_KEY;
    }

    /** Where the external key K comes from (closed set; docs/scheme-definitions.md "external"). */
    public enum KeySource {
        /** A socket option carrying the key bytes as given (draft-paasch's MPTCP_KEY, bound-key). */
        SOCKET("socket"),
        /** A socket option carrying a 64-bit key with its lowest bit set, never 0 (broken: K is Key-A). */
        SOCKET_64_ODD("socket-64-odd"),
        /** The thesis: decimal in sockaddr_in.sin_zero of bind()/connect(), parsed by kstrtoul, per socket; no key = 0. */
        SIN_ZERO("sin-zero"),
        /** As SIN_ZERO, but into ONE host-wide variable set by the last bind()/connect() that parses. */
        SIN_ZERO_HOST("sin-zero-host"),
        /**
         * As SIN_ZERO, with K the key's low bytes in little-endian order: an x86 kernel XORs the
         * {@code int} key onto the token as it lies in memory, in wire order (named reading thesis-xor/le).
         */
        SIN_ZERO_LE("sin-zero-le"),
        /** As SIN_ZERO_HOST, in little-endian order (thesis-xor-global/le). */
        SIN_ZERO_HOST_LE("sin-zero-host-le");

        public final String keyword;

        KeySource(String keyword) {
            this.keyword = keyword;
        }

        /** A decimal key in sin_zero, parsed by kstrtoul (per socket or host-wide, either byte order). */
        public boolean sinZero() {
            return this == SIN_ZERO || this == SIN_ZERO_HOST || this == SIN_ZERO_LE || this == SIN_ZERO_HOST_LE;
        }

        /** The one host variable external_key_tnb. */
        public boolean hostWide() {
            return this == SIN_ZERO_HOST || this == SIN_ZERO_HOST_LE;
        }

        /** K is the key's low bytes in little-endian order (an x86 kernel's memory order). */
        public boolean littleEndian() {
            return this == SIN_ZERO_LE || this == SIN_ZERO_HOST_LE;
        }
    }

    /**
     * A fresh value drawn by one side: {@code nonzero}, {@code unused} (a term over the value that
     * must not be the local token of any connection of the drawing host), {@code distinct} (a slot
     * it must differ from).
     */
    public record Fresh(String name, int width, Role by, boolean nonzero, Term unused, String distinct) {}

    /**
     * A mode of operation: the base mode is the first; a signalled mode carries {@code flag} in every
     * MP_CAPABLE; a local mode is chosen by each side from its own configuration.
     *
     * @param flag        MP_CAPABLE flag bit (0: none)
     * @param mismatchTcp a side configured for this mode that receives a handshake of another mode
     *                    falls back to plain TCP (false: it continues in the base mode)
     * @param untilAgreed nothing is authenticated until the peer's key-agreement value checked out
     */
    public record Mode(String name, int flag, boolean local, boolean requiresKey, boolean mismatchTcp,
                       boolean untilAgreed) {}

    /** One segment of the figure in one mode (null: every mode without its own variant). */
    public record Message(String name, String mode, Phase phase, Role from, int flags, List<Stmt> body, int line) {
        public List<Stmt.Field> fields() {
            return body.stream().filter(Stmt.Field.class::isInstance).map(Stmt.Field.class::cast).toList();
        }

        public Optional<Stmt.Field> field(String n) {
            return fields().stream().filter(f -> f.name().equals(n)).findFirst();
        }
    }

    public Mode baseMode() {
        return modes.get(0);
    }

    public Optional<Mode> mode(String n) {
        return modes.stream().filter(m -> m.name().equals(n)).findFirst();
    }

    /** The variant of the message of {@code phase} sent by {@code from} in {@code mode}, if the figure has one. */
    public Optional<Message> message(Phase phase, Role from, String mode) {
        Optional<Message> own = messages.stream()
                .filter(m -> m.phase() == phase && m.from() == from && mode.equals(m.mode())).findFirst();
        return own.isPresent() ? own : messages.stream()
                .filter(m -> m.phase() == phase && m.from() == from && m.mode() == null).findFirst();
    }

    /** The let {@code name} as it reads in {@code mode}. */
    public Optional<Term> let(String name, String mode) {
        Map<String, Term> variants = lets.get(name);
        if (variants == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(variants.getOrDefault(mode, variants.get("")));
    }

    /** Whether the modes are chosen locally (true) or signalled in MP_CAPABLE (false). */
    public boolean localModes() {
        return modes.size() > 1 && modes.get(1).local();
    }
}
