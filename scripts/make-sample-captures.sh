#!/usr/bin/env bash
# Writes content/captures/*: real connections on the loopback interface, captured by tcpdump,
# converted and re-encapsulated by Wireshark's command-line tools (Debian's wireshark-common).
# Needs root (tcpdump on lo), tcpdump, editcap, text2pcap and mergecap; CI only reads the committed files.
#   sudo scripts/make-sample-captures.sh [OUT_DIR]
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="${1:-content/captures}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
export TZ=UTC

# start_tcpdump NAME ARGS... : starts tcpdump writing $WORK/NAME.pcap, returns once it listens; its pid goes to $WORK/NAME.pid.
start_tcpdump() {
  local name="$1"
  shift
  tcpdump -U -n -Z root "$@" -w "$WORK/$name.pcap" 2>"$WORK/$name.log" &
  echo $! >"$WORK/$name.pid"
  until grep -q "listening on" "$WORK/$name.log"; do
    kill -0 "$(cat "$WORK/$name.pid")" || { cat "$WORK/$name.log"; exit 1; }
    sleep 0.2
  done
}

# stop_tcpdump NAME : lets the last packets land, then stops tcpdump and waits until the file is complete.
stop_tcpdump() {
  sleep 1
  kill -INT "$(cat "$WORK/$1.pid")"
  wait "$(cat "$WORK/$1.pid")" || true
  grep "packets captured" "$WORK/$1.log" | sed "s/^/$1: /"
}

connections() { npx tsx scripts/sample-connections.ts "$@"; }

# 1. Ethernet framing on lo, converted to pcapng.
start_tcpdump close -i lo 'tcp port 40801'
connections close 40801
stop_tcpdump close
editcap -F pcapng "$WORK/close.pcap" "$OUT/handshake-data-close.pcapng"

# 2. Microsecond pcap: a refused connect, an abort, and a UDP datagram answered by ICMP port unreachable.
start_tcpdump refused -i lo 'host 127.0.0.1 and (tcp portrange 40811-40812 or udp port 40813 or icmp)'
connections refused-reset 40811
stop_tcpdump refused
cp "$WORK/refused.pcap" "$OUT/refused-and-reset.pcap"

# 3. Nanosecond pcap on ::1.
start_tcpdump half -i lo --time-stamp-precision=nano 'tcp port 40821'
connections half-close 40821
stop_tcpdump half
cp "$WORK/half.pcap" "$OUT/half-close-ipv6.pcap"

# 4. The "any" pseudo-interface: Linux cooked v2 (tcpdump's default for -i any) and v1.
start_tcpdump sll2 -i any 'tcp port 40831'
connections close 40831
stop_tcpdump sll2
cp "$WORK/sll2.pcap" "$OUT/any-interface-sll2.pcap"

start_tcpdump sll -i any -y LINUX_SLL 'tcp port 40841'
connections close 40841
stop_tcpdump sll
cp "$WORK/sll.pcap" "$OUT/any-interface-sll.pcap"

# 5. Capture 1's IP packets re-encapsulated: raw IP (101) in pcap, BSD loopback (0) in pcapng.
# tcpdump -x prints each packet without its link header; awk turns it into text2pcap's hex dump,
# each packet preceded by its capture time, with PREFIX bytes put in front of the IP header.
ip_hexdump() {
  tcpdump -nn -tttt -x -r "$WORK/close.pcap" 2>/dev/null | awk -v prefix="$1" '
    function flush() { if (n > 0) { for (i = 0; i < n; i += 16) { line = sprintf("%06x", i); for (j = i; j < i + 16 && j < n; j++) line = line " " b[j]; print line } print "" } n = 0 }
    /^[0-9][0-9][0-9][0-9]-/ { flush(); print $1 " " $2; np = split(prefix, p, " "); for (k = 1; k <= np; k++) b[n++] = p[k]; next }
    /^\t0x/ { for (k = 2; k <= NF; k++) { b[n++] = substr($k, 1, 2); if (length($k) == 4) b[n++] = substr($k, 3, 2) } }
    END { flush() }'
}
ip_hexdump "" | text2pcap -q -t "%Y-%m-%d %H:%M:%S.%f" -F pcap -l 101 - "$OUT/raw-ip.pcap" >/dev/null
# A BSD host writes the NULL header's address family in its own byte order: AF_INET = 2, little-endian.
ip_hexdump "02 00 00 00" | text2pcap -q -t "%Y-%m-%d %H:%M:%S.%f" -F pcapng -l 0 - "$OUT/bsd-loopback.pcapng" >/dev/null

# 6. Two interfaces at once (lo: Ethernet, any: Linux cooked v2), merged into one pcapng with two IDBs.
start_tcpdump two-lo -i lo 'tcp port 40851'
start_tcpdump two-any -i any 'tcp port 40851'
connections close 40851
stop_tcpdump two-lo
stop_tcpdump two-any
mergecap -F pcapng -w "$OUT/two-interfaces.pcapng" "$WORK/two-lo.pcap" "$WORK/two-any.pcap"

ls -l "$OUT"
