package org.mptcpverify.definition;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The segments of a scheme's message figure, each with the MPTCP option that carries it and that
 * option's definable fields and their widths in bits (the wire layouts of org.mptcpverify.wire).
 */
public enum Phase {
    HANDSHAKE_SYN("handshake-syn", "MP_CAPABLE", capable()),
    HANDSHAKE_SYN_ACK("handshake-syn-ack", "MP_CAPABLE", capable()),
    HANDSHAKE_ACK("handshake-ack", "MP_CAPABLE", capable()),
    KEY_AGREEMENT("key-agreement", "NEW_KEY", Map.of("hmac", 64, "share", 256)),
    JOIN_SYN("join-syn", "MP_JOIN", Map.of("token", 32)),
    JOIN_SYN_ACK("join-syn-ack", "MP_JOIN", Map.of("hmac", 64)),
    JOIN_ACK("join-ack", "MP_JOIN", Map.of("hmac", 160)),
    ADD_ADDR("add-addr", "ADD_ADDR", Map.of("hmac", 64)),
    FAST_CLOSE("fast-close", "MP_FASTCLOSE", Map.of("key", 64)),
    /** Optional in a definition: without it the option is RFC 8684's, unauthenticated. */
    REMOVE_ADDR("remove-addr", "REMOVE_ADDR", Map.of("hmac", 64)),
    /** Optional in a definition: without it the option is RFC 8684's, unauthenticated. */
    MP_PRIO("mp-prio", "MP_PRIO", Map.of("hmac", 64));

    private final String keyword;
    private final String option;
    private final Map<String, Integer> fields;

    Phase(String keyword, String option, Map<String, Integer> fields) {
        this.keyword = keyword;
        this.option = option;
        this.fields = fields;
    }

    private static Map<String, Integer> capable() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("sender-key", 64);
        m.put("receiver-key", 64);
        m.put("sender-token", 32);
        m.put("receiver-token", 32);
        m.put("confirm", 64);
        m.put("share", 256);
        return m;
    }

    public String keyword() {
        return keyword;
    }

    /** The MPTCP option this segment carries. */
    public String option() {
        return option;
    }

    /** Definable fields and their widths. */
    public Map<String, Integer> fields() {
        return fields;
    }

    /**
     * The phase of a core message (MptcpCore.tla's kinds: MPC_SYN, JOIN_ACK, FASTCLOSE ...); empty
     * for those no definition states (HS_ACK).
     */
    public static Optional<Phase> ofCoreMessage(String msg) {
        return Optional.ofNullable(switch (msg) {
            case "MPC_SYN" -> HANDSHAKE_SYN;
            case "MPC_SYNACK" -> HANDSHAKE_SYN_ACK;
            case "MPC_ACK" -> HANDSHAKE_ACK;
            case "KEY_A", "KEY_B" -> KEY_AGREEMENT;
            case "JOIN_SYN" -> JOIN_SYN;
            case "JOIN_SYNACK" -> JOIN_SYN_ACK;
            case "JOIN_ACK" -> JOIN_ACK;
            case "ADD_ADDR", "ADD_ADDR_A" -> ADD_ADDR;
            case "FASTCLOSE", "FASTCLOSE_B" -> FAST_CLOSE;
            case "REMOVE_ADDR" -> REMOVE_ADDR;
            case "MP_PRIO" -> MP_PRIO;
            default -> null;
        });
    }

    public static Optional<Phase> byKeyword(String k) {
        return Arrays.stream(values()).filter(p -> p.keyword.equals(k)).findFirst();
    }
}
