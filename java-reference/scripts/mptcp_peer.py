#!/usr/bin/env python3
"""MPTCP echo server and client for kernel-capture.sh.

Each side exchanges a fixed amount of data over one MPTCP socket (IPPROTO_MPTCP = 262), reads the
kernel's view of the connection with getsockopt(SOL_MPTCP, MPTCP_INFO) while it is still open, and
writes it as JSON. Usage:
    mptcp_peer.py server PORT OUT.json
    mptcp_peer.py client HOST PORT OUT.json
"""
import json
import os
import socket
import struct
import sys
import time

IPPROTO_MPTCP = 262
SOL_MPTCP = 284
MPTCP_INFO = 1
# struct mptcp_info (include/uapi/linux/mptcp.h): six __u8 counters, two bytes of padding so that
# the __u32 mptcpi_flags sits at offset 8, then __u32 mptcpi_token at 12, then three __u64
# (write_seq at 16, snd_una at 24, rcv_nxt at 32). Native byte order: the kernel copies host values.
INFO_LAYOUT = struct.Struct("=6B2xIIQQQ")

CHUNK = 1000
ROUNDS = 30           # 30 echoes of 1000 bytes, one every 50 ms: ~1.5 s, long enough to join
INTERVAL = 0.05


def mptcp_info(sock):
    raw = sock.getsockopt(SOL_MPTCP, MPTCP_INFO, 48)
    if len(raw) < INFO_LAYOUT.size:
        raise SystemExit("MPTCP_INFO returned %d bytes, need %d" % (len(raw), INFO_LAYOUT.size))
    (subflows, add_addr_signal, add_addr_accepted, subflows_max, add_addr_signal_max,
     add_addr_accepted_max, flags, token, write_seq, snd_una, rcv_nxt) = INFO_LAYOUT.unpack_from(raw)
    return {
        "token": "%08x" % token,
        "subflows": subflows,
        "addAddrSignal": add_addr_signal,
        "addAddrAccepted": add_addr_accepted,
        "flags": flags,
        "writeSeq": "%016x" % write_seq,
        "sndUna": "%016x" % snd_una,
        "rcvNxt": "%016x" % rcv_nxt,
    }


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(value, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def recv_exactly(sock, n):
    buf = b""
    while len(buf) < n:
        part = sock.recv(n - len(buf))
        if not part:
            raise SystemExit("peer closed after %d of %d bytes" % (len(buf), n))
        buf += part
    return buf


def serve(port, out):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # 0.0.0.0: a join towards the announced second address must find this listener.
    ls.bind(("0.0.0.0", port))
    ls.listen(4)
    print("listening", flush=True)
    conn, peer = ls.accept()
    received = sent = 0
    info = None
    while True:
        data = conn.recv(65536)
        if not data:
            break
        received += len(data)
        conn.sendall(data)
        sent += len(data)
        if received >= CHUNK * ROUNDS and info is None:
            info = mptcp_info(conn)  # before the close: the connection is still whole
    if info is None:
        info = mptcp_info(conn)
    info.update({"bytesWritten": sent, "bytesRead": received, "peer": "%s:%d" % peer})
    conn.close()
    ls.close()
    write_json(out, info)


def client(host, port, out):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    s.connect((host, port))
    payload = bytes(range(256)) * 4
    for i in range(ROUNDS):
        s.sendall(payload[:CHUNK])
        if recv_exactly(s, CHUNK) != payload[:CHUNK]:
            raise SystemExit("echo mismatch in round %d" % i)
        time.sleep(INTERVAL)
    info = mptcp_info(s)
    info.update({"bytesWritten": CHUNK * ROUNDS, "bytesRead": CHUNK * ROUNDS})
    s.shutdown(socket.SHUT_WR)
    while s.recv(65536):
        pass
    s.close()
    write_json(out, info)


def main(argv):
    if len(argv) == 4 and argv[1] == "server":
        serve(int(argv[2]), argv[3])
    elif len(argv) == 5 and argv[1] == "client":
        client(argv[2], int(argv[3]), argv[4])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
