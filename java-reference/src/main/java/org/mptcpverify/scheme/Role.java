package org.mptcpverify.scheme;

/** A = the opener of a connection or subflow (client), B = the listener (server). */
public enum Role {
    A, B;

    public Role peer() {
        return this == A ? B : A;
    }
}
