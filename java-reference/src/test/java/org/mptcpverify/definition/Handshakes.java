package org.mptcpverify.definition;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.mptcpverify.scheme.AuthScheme;
import org.mptcpverify.scheme.AuthScheme.Hello;
import org.mptcpverify.scheme.ConnKeys;
import org.mptcpverify.scheme.HostKeys;
import org.mptcpverify.scheme.KeySetting;
import org.mptcpverify.wire.MptcpOption;

/**
 * One MP_CAPABLE handshake run by a scheme (a class or a definition) from a seed, so that the two
 * can be compared on the same keys: the client keyed if bit 0 of {@code config}, the server if
 * bit 1, and one segment (0 SYN, 1 SYN/ACK, 2 third ACK; -1 none) replaced by an edit of itself.
 */
final class Handshakes {
    private Handshakes() {}

    /** The three options as delivered, and both ends with their hosts. */
    record Shake(List<Optional<MptcpOption>> options, ConnKeys client, ConnKeys server, HostKeys clientHost,
                 HostKeys serverHost) {}

    static Shake run(AuthScheme s, KeySetting setting, int config, long seed, int at,
                     UnaryOperator<Optional<MptcpOption>> edit) {
        SplittableRandom rnd = new SplittableRandom(seed);
        KeySetting none = KeySetting.none();
        KeySetting client = (config & 1) != 0 ? setting : none;
        KeySetting server = (config & 2) != 0 ? setting : none;
        HostKeys clientHost = s.onBindOrConnect(HostKeys.initial(), client);
        HostKeys serverHost = s.onBindOrConnect(HostKeys.initial(), server);
        Hello syn = s.clientSyn(s.socketKey(client), rnd);
        Optional<MptcpOption> o0 = at == 0 ? edit.apply(syn.option()) : syn.option();
        Hello synAck = s.serverSynAck(o0, s.socketKey(server), rnd, t -> false);
        if (synAck.option().isPresent()) { // as the endpoint: on the SYN/ACK's state, when it answers MP_CAPABLE
            serverHost = s.onServerConnectionCreated(serverHost, synAck.keys());
        }
        Optional<MptcpOption> o1 = at == 1 ? edit.apply(synAck.option()) : synAck.option();
        Hello ack = s.clientThirdAck(syn.keys(), o1, rnd);
        Optional<MptcpOption> o2 = at == 2 ? edit.apply(ack.option()) : ack.option();
        ConnKeys srv = s.serverEstablished(synAck.keys(), o2);
        return new Shake(List.of(o0, o1, o2), ack.keys(), srv, clientHost, serverHost);
    }
}
