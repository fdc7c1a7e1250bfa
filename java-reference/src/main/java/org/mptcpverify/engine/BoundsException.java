package org.mptcpverify.engine;

/** A bound that is malformed or that an engine cannot honour; the message is one line for the user. */
public final class BoundsException extends IllegalArgumentException {
    public BoundsException(String message) {
        super(message);
    }
}
