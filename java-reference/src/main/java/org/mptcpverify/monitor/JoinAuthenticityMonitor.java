package org.mptcpverify.monitor;

import java.util.Optional;
import org.mptcpverify.endpoint.Subflow;
import org.mptcpverify.net.Addresses;
import org.mptcpverify.vocab.PropertyId;

/**
 * Every join the server established on C is one C's client asked for and completed: the SYN+MP_JOIN
 * that created it originated at C's client (a copy of it counts, as the request it carries is the
 * client's), and when the server accepted its third ACK the client held that join and had sent its
 * own third ACK on it (docs/properties.md, "Authentic means requested"). So a third ACK the attacker
 * built, or copied, counts as the client's only once the client has sent its own: completing the
 * client's join before it did, or a join it abandoned, is a forgery.
 */
public final class JoinAuthenticityMonitor implements PropertyMonitor {
    @Override
    public PropertyId property() {
        return PropertyId.JOIN_AUTHENTICITY;
    }

    @Override
    public Optional<String> check(World w) {
        for (Subflow s : w.server().subflows().values()) {
            if (s.phase() != Subflow.Phase.ESTABLISHED || w.insidersOwn(s.connId())) {
                continue;
            }
            String owner = w.ownerOf(s.connId());
            String from = Addresses.nameOf(s.tuple().remoteAddr());
            String origin = w.truth().joinSynAt(s.tuple()).map(GroundTruth.SynTruth::origin).orElse("?");
            if (!origin.equals(owner)) {
                return Optional.of("the server attached a subflow from " + from + " to " + owner
                        + "'s connection, but its SYN+MP_JOIN originated at " + origin);
            }
            Optional<GroundTruth.JoinCompletion> done = w.truth().completionAt(s.tuple());
            if (done.isEmpty() || !done.get().byClient()) {
                return Optional.of("the server established " + owner + "'s join from " + from
                        + " on a third ACK that originated at " + done.map(GroundTruth.JoinCompletion::ackOrigin).orElse("?")
                        + ", before " + owner + " had sent its own third ACK on that join (or after it abandoned it)");
            }
        }
        return Optional.empty();
    }
}
