package org.mptcpverify.models.core;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * A scheme in the generic core's data form (docs/models.md, "Data form of a scheme"), built from
 * a parsed definition by {@link SchemeDataBuilder}. It is what Scheme_&lt;s&gt;.tla states, kept as
 * Java data so that other models can be generated from the same translation.
 *
 * @param version   MPTCP version of the wire (documentation in the data form)
 * @param hash      "sha1" or "sha256" (documentation: the symbols are the same)
 * @param usesKey   whether the scheme has an external key at all
 * @param keySource "socket" (per application) or "host" (one host-wide key)
 * @param negotiate the modes both ends run, by who holds a key: key {@code <<client, server>>}
 * @param modes     data mode name -> message -> its record (insertion-ordered maps); a mode lacks the messages it does not send
 * @param base      the data mode of the definition's base mode (what an end continues in when a
 *                  handshake segment lacks its own mode's signal and its mismatch rule says base)
 * @param signals   the signalled data modes (definition {@code flag L}), in definition order: the
 *                  MP_CAPABLE flag bit they set and their mismatch rule; empty for a scheme that
 *                  signals nothing (local modes or one mode)
 * @param keyed     the data modes that authenticate with the external key and never send it in
 *                  clear in their handshake or key agreement (a field that is K, or a
 *                  concatenation with K as a part, directly or through a slot kept as such):
 *                  DowngradeResistance asks a keyed end to stay in one of these
 */
public record SchemeData(String name, int version, String hash, boolean usesKey, String keySource,
                         SortedSet<String> slots, SortedSet<String> jslots, Map<KeyPair, Row> negotiate,
                         Map<String, Map<CoreMessage, Msg>> modes, String base, Map<String, Signal> signals,
                         SortedSet<String> keyed) {

    /**
     * A signalled mode (issue 13, handshake profiles): every MP_CAPABLE segment it sends carries
     * {@code flag} (the bit's mask, RFC 8684 3.1 A = 0x80 ... H = 0x01); an end configured for it
     * that receives a handshake segment without it falls back to plain TCP ({@code mismatchTcp},
     * definition {@code mismatch tcp}: a refusing end) or continues in the base mode.
     */
    public record Signal(int flag, boolean mismatchTcp) {}

    /** Who holds an external key: the index of the negotiation table. */
    public record KeyPair(boolean client, boolean server) {
        public static final List<KeyPair> ALL = List.of(new KeyPair(false, false), new KeyPair(false, true),
                new KeyPair(true, false), new KeyPair(true, true));
    }

    /** The mode each end runs; {@link #TCP} is plain TCP (no option at all). */
    public record Row(String a, String b) {
        public static final String TCP = "tcp";
    }

    /**
     * One segment of a mode: values the sender draws, its slots kept, the option's fields, the
     * receiver's checks (in order) and stores, and, for JOIN_SYN, the server's lookup.
     */
    public record Msg(SortedSet<String> fresh, Map<String, Tmpl> keep, Map<String, Tmpl> fields,
                      List<Check> checks, Map<String, Tmpl> stores, Lookup lookup) {}

    /** The received field must equal the template, else {@code fail}: "tcp", "rst" or "drop". */
    public record Check(String field, Tmpl expect, String fail) {}

    /**
     * The server's join lookup.
     *
     * @param select "token", "recent" or "recent-open" (SchemeLang.tla)
     * @param limit  half-open joins per connection, 0: no limit
     */
    public record Lookup(String field, Tmpl expect, String select, int window, boolean once, int limit) {}
}
