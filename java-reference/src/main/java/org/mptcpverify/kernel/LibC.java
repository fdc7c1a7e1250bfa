package org.mptcpverify.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The few libc calls the raw attacker needs, bound with JNA (no C code of ours). Signatures are
 * those of 64-bit Linux (size_t and ssize_t as {@code long}); {@link PacketSocket} checks the
 * platform before loading this.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_PACKET = 17;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int ETH_P_ALL = 0x0003;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;
    int SOL_PACKET = 263;
    int PACKET_ADD_MEMBERSHIP = 1;
    int PACKET_MR_PROMISC = 1;
    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;
    int EAGAIN = 11;
    int EINTR = 4;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, Pointer addr, int addrLen) throws LastErrorException;

    long sendto(int fd, byte[] buf, long len, int flags, Pointer addr, int addrLen) throws LastErrorException;

    long recvfrom(int fd, byte[] buf, long len, int flags, Pointer addr, IntByReference addrLen)
            throws LastErrorException;

    int setsockopt(int fd, int level, int option, Pointer value, int len) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int if_nametoindex(String name) throws LastErrorException;

    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    long SIOCETHTOOL = 0x8946;
    int ETHTOOL_STXCSUM = 0x17;

    int ioctl(int fd, long request, Pointer arg) throws LastErrorException;
}
