package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.PropertyId;

/**
 * The mirror image of JoinAuthenticity (issue #12): every join a client completed has the server
 * of its connection at the far end, i.e. the SYN/ACK + MP_JOIN the client accepted on it
 * originated at the server (a copy of the server's answer counts, as the answer is the server's).
 * The insider's own connection is the attacker's, so its joins are not judged.
 */
public final class JoinAnswerAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.JOIN_ANSWER_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        return w.truth().joinAnswers().stream()
                .filter(j -> !j.answerOrigin().equals("s") && !j.client().equals(w.insider()))
                .findFirst()
                .map(j -> j.client() + " completed its join to " + Addresses.nameOf(j.clientTuple().remoteAddr())
                        + " on a SYN/ACK + MP_JOIN that originated at " + j.answerOrigin() + ", not at the server");
    }
}
