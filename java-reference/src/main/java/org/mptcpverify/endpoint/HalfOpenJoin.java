package org.mptcpverify.endpoint;

/**
 * Server state created by a SYN+MP_JOIN whose token field matched a connection, before the peer is
 * authenticated: the nonces, the SYN/ACK's truncated HMAC, and what the third ACK must carry is
 * checked against the connection's keys when it arrives.
 *
 * @param addressId     this side's address id (sent in the SYN/ACK)
 * @param remoteAddrId  the joining side's address id (from its SYN), kept for REMOVE_ADDR
 * @param peerBackup    the SYN's backup flag
 */
public record HalfOpenJoin(Tuple tuple, int connId, int tokenField, int rA, int rB, long synAckHmac,
                           int addressId, long isn, long peerIsn, int remoteAddrId, boolean peerBackup) {}
