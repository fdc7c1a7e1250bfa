package org.mptcpverify.pcap;

import java.nio.file.Path;

/**
 * A capture file that cannot be read: not a pcap/pcapng file, truncated, or corrupt. Carries the
 * file and the byte offset of the offending structure so that a user can find it.
 */
public final class PcapFormatException extends Exception {
    private final Path file;
    private final long offset;
    private final String reason;

    public PcapFormatException(Path file, long offset, String reason) {
        super(file + ": byte offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    /** The reason without the file and offset. */
    public String reason() {
        return reason;
    }
}
