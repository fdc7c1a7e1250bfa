package org.mptcpverify.endpoint;

/**
 * A joined subflow (not the initial one) at one end.
 *
 * @param phase        client: SYN_SENT, ACK_SENT (third ACK sent, waiting for the server's ACK),
 *                     ESTABLISHED; server: ESTABLISHED (half-open joins are {@link HalfOpenJoin})
 * @param localNonce / remoteNonce R-A and R-B as this side knows them
 * @param tokenField   the join SYN's token field
 * @param remoteAddrId the peer's address id for this subflow (from its MP_JOIN), what REMOVE_ADDR names
 * @param peerBackup   the peer asked (MP_JOIN flag B or MP_PRIO) that this subflow be used as backup only
 */
public record Subflow(Tuple tuple, int connId, Phase phase, int localNonce, int remoteNonce, int tokenField,
                      long isn, long peerIsn, int remoteAddrId, boolean peerBackup) {
    public enum Phase { SYN_SENT, ACK_SENT, ESTABLISHED }

    public Subflow withPhase(Phase p) {
        return new Subflow(tuple, connId, p, localNonce, remoteNonce, tokenField, isn, peerIsn, remoteAddrId, peerBackup);
    }

    public Subflow withPeer(int nonce, long peerIsn, int remoteAddrId) {
        return new Subflow(tuple, connId, phase, localNonce, nonce, tokenField, isn, peerIsn, remoteAddrId, peerBackup);
    }

    public Subflow withPeerBackup(boolean backup) {
        return new Subflow(tuple, connId, phase, localNonce, remoteNonce, tokenField, isn, peerIsn, remoteAddrId, backup);
    }
}
