package org.mptcpverify.net;

import org.mptcpverify.wire.Bytes;

/** An observer on a path: it reads the exact IP packet bytes of every segment crossing it. */
@FunctionalInterface
public interface Tap {
    void observe(String path, Bytes ipPacket);
}
