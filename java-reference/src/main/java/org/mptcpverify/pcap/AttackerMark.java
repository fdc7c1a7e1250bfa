package org.mptcpverify.pcap;

import java.util.List;
import java.util.Optional;

/**
 * How captures the project writes mark a segment the attacker sent (forged, replayed or relayed
 * with rewritten fields): a pcapng packet comment starting with {@link #PREFIX}, followed by who
 * sent it. Readers recognise the prefix only, so the detail may say more without breaking them.
 */
public final class AttackerMark {
    public static final String PREFIX = "attacker-originated";

    private AttackerMark() {}

    /** The comment for an attacker's segment; {@code detail} says which attacker and how. */
    public static String comment(String detail) {
        return detail.isEmpty() ? PREFIX : PREFIX + ": " + detail;
    }

    /** The first comment of {@code comments} that marks an attacker's segment. */
    public static Optional<String> find(List<String> comments) {
        return comments.stream().filter(c -> c.startsWith(PREFIX)).findFirst();
    }
}
