package org.mptcpverify.endpoint;

/** Lifecycle of a connection at one end. Whether it is MPTCP or plain TCP is in its ConnKeys. */
public enum ConnPhase {
    SYN_SENT, SYN_RCVD, ESTABLISHED, REFUSED, CLOSED
}
