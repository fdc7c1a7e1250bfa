# An ordinary Linux MPTCP application (socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP)) driven by
# mptcp-verify's kernel attacks. It reports every event as one JSON line on stdout and takes
# commands on stdin: "send HEX", "info", "close", "quit".
#   python3 mptcp_app.py server PORT
#   python3 mptcp_app.py client ADDR PORT
#   python3 mptcp_app.py multi PORT     (accepts any number of connections; events carry "conn";
#                                        its only command is "info N")
import json, os, select, socket, struct, sys

IPPROTO_MPTCP = 262
SOL_MPTCP = 284
MPTCP_INFO = 1


def out(event, **kw):
    kw["event"] = event
    sys.stdout.write(json.dumps(kw, sort_keys=True) + "\n")
    sys.stdout.flush()


def info(s):
    # struct mptcp_info (include/uapi/linux/mptcp.h): six u8 counters, u32 flags at 8,
    # u32 token at 12, u64 write_seq, snd_una, rcv_nxt at 16, 24, 32.
    try:
        b = s.getsockopt(SOL_MPTCP, MPTCP_INFO, 256)
    except OSError as e:
        return {"error": os.strerror(e.errno)}
    if len(b) < 40:
        return {"error": "short mptcp_info (%d bytes)" % len(b)}
    flags, token = struct.unpack_from("=II", b, 8)
    write_seq, snd_una, rcv_nxt = struct.unpack_from("=QQQ", b, 16)
    return {"subflows": b[0], "add_addr_signal": b[1], "add_addr_accepted": b[2],
            "subflows_max": b[3], "flags": flags, "token": "%08x" % token,
            "write_seq": write_seq, "snd_una": snd_una, "rcv_nxt": rcv_nxt}


def serve(conn):
    """Relays socket events and stdin commands until EOF, an error or 'quit'."""
    conn.setblocking(False)
    stdin = sys.stdin.fileno()
    watch = [conn, stdin]
    while True:
        ready, _, _ = select.select(watch, [], [], 30)
        if not ready:
            out("idle", info=info(conn))
            continue
        if conn in ready:
            try:
                data = conn.recv(65536)
            except BlockingIOError:
                data = None
            except OSError as e:
                out("error", errno=e.errno, name=type(e).__name__, message=os.strerror(e.errno),
                    info=info(conn))
                watch = [stdin]
                continue
            if data is not None:
                if data:
                    out("data", hex=data.hex(), text=data.decode("latin-1"), info=info(conn))
                else:
                    out("eof", info=info(conn))
                    watch = [stdin]
        if stdin in ready:
            line = sys.stdin.readline()
            if not line or line.strip() == "quit":
                out("bye")
                return
            cmd, _, arg = line.strip().partition(" ")
            try:
                if cmd == "send":
                    conn.setblocking(True)
                    conn.sendall(bytes.fromhex(arg))
                    conn.setblocking(False)
                    out("sent", bytes=len(arg) // 2, info=info(conn))
                elif cmd == "info":
                    out("info", info=info(conn))
                elif cmd == "close":
                    conn.close()
                    out("closed")
                    watch = [stdin]
                else:
                    out("bad-command", line=line.strip())
            except OSError as e:
                out("error", errno=e.errno, name=type(e).__name__, message=os.strerror(e.errno or 0))


def multi(port):
    """Accepts connections forever; one thread per connection reports its data, EOF or error."""
    import threading
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("0.0.0.0", port))
    ls.listen(16)
    out("listening", port=port)
    lock = threading.Lock()

    def report(event, **kw):
        with lock:
            out(event, **kw)

    def reader(n, conn):
        while True:
            try:
                data = conn.recv(65536)
            except OSError as e:
                report("error", conn=n, errno=e.errno, name=type(e).__name__,
                       message=os.strerror(e.errno), info=info(conn))
                return
            if not data:
                report("eof", conn=n, info=info(conn))
                return
            report("data", conn=n, hex=data.hex(), info=info(conn))

    conns = {}

    def commands():
        # "info N": connection N's MPTCP_INFO now (the differential tests read it after a step)
        for line in sys.stdin:
            parts = line.split()
            if len(parts) == 2 and parts[0] == "info" and parts[1].isdigit() and int(parts[1]) in conns:
                report("info", conn=int(parts[1]), info=info(conns[int(parts[1])]))
            else:
                report("bad-command", line=line.strip())

    threading.Thread(target=commands, daemon=True).start()
    n = 0
    while True:
        conn, peer = ls.accept()
        n += 1
        conns[n] = conn
        report("accepted", conn=n, peer="%s:%d" % peer, info=info(conn))
        threading.Thread(target=reader, args=(n, conn), daemon=True).start()


def main():
    role = sys.argv[1]
    if role == "multi":
        multi(int(sys.argv[2]))
    elif role == "server":
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(("0.0.0.0", int(sys.argv[2])))
        ls.listen(4)
        out("listening", port=int(sys.argv[2]))
        conn, peer = ls.accept()
        out("accepted", peer="%s:%d" % peer, info=info(conn))
        serve(conn)
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, IPPROTO_MPTCP)
        s.connect((sys.argv[2], int(sys.argv[3])))
        out("connected", local="%s:%d" % s.getsockname(), info=info(s))
        serve(s)


if __name__ == "__main__":
    main()
