#!/usr/bin/env bash
# Captures a real Linux MPTCP connection with one join and one ADD_ADDR, for the inspect tests.
#
#   kernel-capture.sh OUTDIR
#
# Writes, each atomically:
#   OUTDIR/kernel-capture.pcap        classic pcap (dumpcap -P -i any in the server namespace)
#   OUTDIR/kernel-capture.json        the kernel's own view: MPTCP_INFO of both sockets, kernel version
#   OUTDIR/kernel-capture.tshark.tsv  tshark's dissection of the MPTCP options (when tshark exists)
#
# Topology: namespaces mpv-c-PID (client) and mpv-s-PID (server), two veth pairs
#   c1 10.0.1.1/24 <-> s1 10.0.1.2/24      c2 10.0.2.1/24 <-> s2 10.0.2.2/24
# The server announces 10.0.2.2 (a "signal" endpoint, so ADD_ADDR); the client has a "subflow"
# endpoint on c2 and accepts the announcement, so at least one MP_JOIN follows.
# Needs root, iproute2 with `ip mptcp`, python3, dumpcap. Exit 0 on success, 1 on a failed run,
# 2 on bad usage or a missing tool. Namespaces are removed on every exit path.
set -euo pipefail

usage() { echo "usage: $0 OUTDIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
out="$(mkdir -p "$1" && cd "$1" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer="$here/mptcp_peer.py"

for tool in ip python3 dumpcap; do
  command -v "$tool" >/dev/null 2>&1 || { echo "kernel-capture: $tool not found" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "kernel-capture: must run as root (ip netns)" >&2; exit 2; }
if [ "$(cat /proc/sys/net/mptcp/enabled 2>/dev/null || echo 0)" != 1 ]; then
  echo "kernel-capture: MPTCP is not enabled (/proc/sys/net/mptcp/enabled)" >&2; exit 2
fi

start=$(date +%s.%N)
nc="mpv-c-$$"
ns="mpv-s-$$"
work="$(mktemp -d "$out/.kernel-capture.XXXXXX")"
pids=()

cleanup() {
  local rc=$?
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null || true
  done
  ip netns del "$nc" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  if [ $rc -ne 0 ]; then
    echo "kernel-capture: failed (exit $rc); logs:" >&2
    tail -n 20 "$work"/*.log >&2 2>/dev/null || true
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

ip netns add "$nc"
ip netns add "$ns"
ip -n "$nc" link set lo up
ip -n "$ns" link set lo up
ip link add c1 netns "$nc" type veth peer name s1 netns "$ns"
ip link add c2 netns "$nc" type veth peer name s2 netns "$ns"
ip -n "$nc" addr add 10.0.1.1/24 dev c1
ip -n "$nc" addr add 10.0.2.1/24 dev c2
ip -n "$ns" addr add 10.0.1.2/24 dev s1
ip -n "$ns" addr add 10.0.2.2/24 dev s2
for i in c1 c2; do ip -n "$nc" link set "$i" up; done
for i in s1 s2; do ip -n "$ns" link set "$i" up; done
for n in "$nc" "$ns"; do
  ip netns exec "$n" sysctl -q -w net.mptcp.enabled=1
  ip -n "$n" mptcp limits set subflows 2 add_addr_accepted 2
done
ip -n "$nc" mptcp endpoint add 10.0.2.1 dev c2 subflow
ip -n "$ns" mptcp endpoint add 10.0.2.2 dev s2 signal

port=10000
pcap_tmp="$work/capture.pcap"
ip netns exec "$ns" dumpcap -q -P -i any -w "$pcap_tmp" >"$work/dumpcap.log" 2>&1 &
pids+=($!)
dumpcap_pid=$!
for _ in $(seq 100); do
  grep -q "Capturing on" "$work/dumpcap.log" 2>/dev/null && break
  kill -0 "$dumpcap_pid" 2>/dev/null || { echo "kernel-capture: dumpcap exited" >&2; exit 1; }
  sleep 0.05
done
grep -q "Capturing on" "$work/dumpcap.log" || { echo "kernel-capture: dumpcap did not start" >&2; exit 1; }

ip netns exec "$ns" timeout 30 python3 "$peer" server "$port" "$work/server.json" >"$work/server.log" 2>&1 &
pids+=($!)
server_pid=$!
for _ in $(seq 100); do
  grep -q listening "$work/server.log" 2>/dev/null && break
  sleep 0.05
done
ip netns exec "$nc" timeout 30 python3 "$peer" client 10.0.1.2 "$port" "$work/client.json" >"$work/client.log" 2>&1
wait "$server_pid"
sleep 0.3 # let the last FIN/ACKs reach the capture
kill -INT "$dumpcap_pid"
wait "$dumpcap_pid" || true
pids=()

[ -s "$pcap_tmp" ] || { echo "kernel-capture: empty capture" >&2; exit 1; }

python3 - "$work/client.json" "$work/server.json" "$work/meta.json" "$(uname -r)" <<'PY'
import json, os, sys
client, server, out, kernel = sys.argv[1:5]
value = {"kernel": kernel,
         "client": json.load(open(client)),
         "server": json.load(open(server))}
with open(out, "w") as f:
    json.dump(value, f, indent=2, sort_keys=True)
    f.write("\n")
# The capture is only useful with a join and an announcement in it.
if value["client"]["subflows"] < 1:
    sys.exit("kernel-capture: no additional subflow was established (MPTCP_INFO subflows = 0)")
if value["server"]["addAddrSignal"] < 1:
    sys.exit("kernel-capture: the server announced no address (MPTCP_INFO add_addr_signal = 0)")
PY

if command -v tshark >/dev/null 2>&1; then
  tshark -n -r "$pcap_tmp" -o mptcp.analyze_mptcp:TRUE -o mptcp.relative_sequence_numbers:FALSE \
    -Y mptcp -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
    -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport \
    -e tcp.options.mptcp.subtype -e tcp.options.mptcp.version \
    -e tcp.options.mptcp.sendkey -e tcp.options.mptcp.recvkey \
    -e tcp.options.mptcp.recvtok -e tcp.options.mptcp.sendrand \
    -e tcp.options.mptcp.sendtrunchmac -e tcp.options.mptcp.sendhmac \
    -e tcp.options.mptcp.addrid -e tcp.options.mptcp.ipv4 -e tcp.options.mptcp.port \
    -e tcp.options.mptcp.echo -e tcp.options.mptcp.addaddrtrunchmac \
    -e mptcp.expected_token -e mptcp.expected_idsn \
    >"$work/tshark.tsv" 2>"$work/tshark.log"
  mv -f "$work/tshark.tsv" "$out/kernel-capture.tshark.tsv"
fi
chmod 644 "$pcap_tmp"
mv -f "$pcap_tmp" "$out/kernel-capture.pcap"
mv -f "$work/meta.json" "$out/kernel-capture.json"
end=$(date +%s.%N)
printf 'kernel-capture: wrote %s/kernel-capture.{pcap,json} in %.1f s (kernel %s)\n' \
  "$out" "$(echo "$end - $start" | bc 2>/dev/null || python3 -c "print($end-$start)")" "$(uname -r)"
