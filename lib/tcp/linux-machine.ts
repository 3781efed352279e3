import { REFERENCE_MACHINE, withOverrides, type Machine } from "./machine";
import type { TableRow } from "./outcome";
import type { TcpState } from "./states";

/*
 * What Linux does where it departs from the RFC 9293 table, row by row. Each
 * row cites the kernel source (file: function) it is read from; every other
 * row is shared with the reference machine. Differences in timers (TIME_WAIT
 * length, retries, RTO floor) live in the profile's timing, not here.
 */

function linuxRow(row: Omit<TableRow, "noteKey">): TableRow {
  return { ...row, noteKey: `linux|${row.from}|${row.event}` };
}

const ACTIVE_RESET = "net/ipv4/tcp.c: tcp_disconnect; net/ipv4/tcp_output.c: tcp_send_active_reset";

/** close() with SO_LINGER 0 (or unread data) resets: tcp_send_active_reset sets both RST and ACK. */
function abortWithResetAndAck(state: TcpState): TableRow {
  return linuxRow({
    from: state,
    event: "abort",
    to: "CLOSED",
    sends: "RST+ACK",
    kind: "transition",
    rfc: "3.10.5",
    kernel: ACTIVE_RESET,
    note: "An abortive close (close() with SO_LINGER 0, or with unread data): Linux sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, RST with the ACK bit set, and deletes the socket.",
  });
}

const RESET_ERRNO = "net/ipv4/tcp_input.c: tcp_reset";

/** tcp_reset picks the errno by state: ECONNREFUSED in SYN_SENT, EPIPE in CLOSE_WAIT, ECONNRESET elsewhere. */
function resetWithErrno(state: "ESTABLISHED" | "FIN_WAIT_1" | "FIN_WAIT_2" | "CLOSE_WAIT"): TableRow {
  const errno = state === "CLOSE_WAIT" ? "EPIPE" : "ECONNRESET";
  const why =
    state === "CLOSE_WAIT"
      ? "the peer had already finished sending, so Linux reports EPIPE (broken pipe) rather than ECONNRESET."
      : "the application's next call fails with ECONNRESET (connection reset by peer).";
  return linuxRow({
    from: state,
    event: "rcv RST",
    to: "CLOSED",
    sends: null,
    kind: "transition",
    rfc: "3.10.7.4",
    kernel: RESET_ERRNO,
    error: errno,
    note: `An acceptable reset (its sequence number is exactly RCV.NXT): the socket is closed and ${why}`,
  });
}

/**
 * Rows that start or restart TIME_WAIT's timer: on Linux it is not 2 × MSL
 * but the fixed TCP_TIMEWAIT_LEN (60 s), set by tcp_time_wait on entry and
 * by inet_twsk_reschedule when a retransmitted FIN arrives.
 */
const TIME_WAIT_TIMER_ROWS = [
  ["FIN_WAIT_1", "rcv FIN+ACK"],
  ["FIN_WAIT_2", "rcv FIN"],
  ["FIN_WAIT_2", "rcv FIN+ACK"],
  ["CLOSING", "rcv ACK"],
  ["TIME_WAIT", "rcv FIN"],
  ["TIME_WAIT", "rcv FIN+ACK"],
] as const;

function withLinuxTimeWaitTimer([from, event]: (typeof TIME_WAIT_TIMER_ROWS)[number]): TableRow {
  const row = REFERENCE_MACHINE.rows.find((candidate) => candidate.from === from && candidate.event === event)!;
  return {
    ...row,
    noteKey: `linux|${from}|${event}`,
    kernel: from === "TIME_WAIT" ? "net/ipv4/tcp_minisocks.c: tcp_timewait_state_process" : "net/ipv4/tcp_minisocks.c: tcp_time_wait",
    note: row.note.replace("the 2MSL timer", "the 60 s TIME_WAIT timer (TCP_TIMEWAIT_LEN)"),
  };
}

export const LINUX_MACHINE: Machine = withOverrides(REFERENCE_MACHINE, "linux", "Linux's TCP, where it departs from RFC 9293.", [
  ...TIME_WAIT_TIMER_ROWS.map(withLinuxTimeWaitTimer),
  linuxRow({
    from: "LISTEN",
    event: "active open",
    to: "LISTEN",
    sends: null,
    kind: "error",
    rfc: "3.10.1",
    kernel: "net/ipv4/af_inet.c: __inet_stream_connect",
    error: "EISCONN",
    note: "connect() on a listening socket fails: the socket is not in CLOSE, so __inet_stream_connect returns EISCONN and the socket keeps listening. (RFC 9293's abstract OPEN could turn a listener active; the sockets API cannot.)",
  }),
  linuxRow({
    from: "LISTEN",
    event: "send",
    to: "LISTEN",
    sends: null,
    kind: "error",
    rfc: "3.10.2",
    kernel: "net/ipv4/tcp.c: tcp_sendmsg_locked; net/core/stream.c: sk_stream_wait_connect",
    error: "EPIPE",
    note: "send() on a listening socket fails with EPIPE (and SIGPIPE unless MSG_NOSIGNAL): only SYN_SENT and SYN_RECV may wait for the connection. (RFC 9293's SEND could turn a listener active; the sockets API cannot.)",
  }),
  {
    ...REFERENCE_MACHINE.rows.find((r) => r.from === "SYN_SENT" && r.event === "rcv RST")!,
    noteKey: "linux|SYN_SENT|rcv RST",
    kernel: RESET_ERRNO,
    error: "ECONNREFUSED",
    note: 'A reset whose ACK acknowledges our SYN: connect() fails with ECONNREFUSED ("connection refused"; RFC 9293 says "connection reset"), and the socket is closed.',
  },
  linuxRow({
    from: "SYN_RECEIVED",
    event: "rcv SYN",
    to: "SYN_RECEIVED",
    sends: "SYN+ACK",
    kind: "reply",
    rfc: "3.10.7.4",
    kernel: "net/ipv4/tcp_minisocks.c: tcp_check_req",
    note: "A retransmitted SYN (its SYN+ACK was lost) makes the pending request resend its SYN+ACK at once (inet_rtx_syn_ack), where RFC 9293 sends a bare ACK and leaves the SYN+ACK to the retransmission timer.",
  }),
  {
    ...REFERENCE_MACHINE.rows.find((r) => r.from === "SYN_RECEIVED" && r.event === "rcv RST")!,
    noteKey: "linux|SYN_RECEIVED|rcv RST",
    kernel: "net/ipv4/tcp_minisocks.c: tcp_check_req (embryonic_reset); net/ipv4/tcp_input.c: tcp_reset",
    note: "The connection came from a listener: the pending request is dropped (inet_csk_reqsk_queue_drop) and the listener goes on listening; the application never hears of it.",
    whenActiveOpen: {
      to: "CLOSED",
      sends: null,
      note: "After a simultaneous open the socket itself is in SYN_RECV: tcp_reset closes it and connect() fails with ECONNRESET (RFC 9293 says \"connection refused\").",
      error: "ECONNRESET",
      kernel: "net/ipv4/tcp_input.c: tcp_reset",
    },
  },
  abortWithResetAndAck("SYN_RECEIVED"),
  abortWithResetAndAck("ESTABLISHED"),
  abortWithResetAndAck("FIN_WAIT_1"),
  abortWithResetAndAck("FIN_WAIT_2"),
  abortWithResetAndAck("CLOSE_WAIT"),
  resetWithErrno("ESTABLISHED"),
  resetWithErrno("FIN_WAIT_1"),
  resetWithErrno("FIN_WAIT_2"),
  resetWithErrno("CLOSE_WAIT"),
  linuxRow({
    from: "FIN_WAIT_2",
    event: "timeout",
    to: "CLOSED",
    sends: null,
    kind: "transition",
    rfc: "3.10.8",
    kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process; net/ipv4/tcp_minisocks.c: tcp_time_wait; include/net/tcp.h: tcp_fin_time",
    note: "An orphaned FIN_WAIT_2 (the application called close(), not shutdown()) lasts tcp_fin_timeout, 60 s by default; then the socket is deleted without a segment. RFC 9293 sets no such timer.",
  }),
  linuxRow({
    from: "CLOSING",
    event: "rcv FIN+ACK",
    to: "TIME_WAIT",
    sends: null,
    kind: "transition",
    rfc: "3.10.7.4",
    kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process",
    note: "A retransmitted FIN whose ACK covers our FIN: once SND.UNA reaches the FIN, the TCP_CLOSING case calls tcp_time_wait and consumes the segment without answering it; the peer's next retransmission meets the TIME_WAIT socket, which ACKs it.",
  }),
  {
    ...REFERENCE_MACHINE.rows.find((r) => r.from === "TIME_WAIT" && r.event === "rcv SYN")!,
    noteKey: "linux|TIME_WAIT|rcv SYN",
    kernel: "net/ipv4/tcp_minisocks.c: tcp_timewait_state_process",
    note: "A SYN at or below RCV.NXT (with no newer timestamp) may be an old duplicate: the TIME_WAIT socket answers with an ACK (rate-limited) and stays.",
    whenNewerSyn: {
      to: "SYN_RECEIVED",
      sends: "SYN+ACK",
      kind: "transition",
      rfc: "3.6.1",
      kernel: "net/ipv4/tcp_minisocks.c: tcp_timewait_state_process (TCP_TW_SYN); net/ipv4/tcp_ipv4.c: tcp_v4_rcv",
      note: "A SYN above RCV.NXT, or with a newer timestamp, returns TCP_TW_SYN: the TIME_WAIT socket is killed and the listener on the port answers SYN+ACK with ISN = the old SND.NXT + 65537. (With no listener the SYN only gets an ACK.)",
    },
  },
  {
    ...REFERENCE_MACHINE.rows.find((r) => r.from === "TIME_WAIT" && r.event === "rcv RST")!,
    noteKey: "linux|TIME_WAIT|rcv RST",
    kernel: "net/ipv4/tcp_minisocks.c: tcp_timewait_state_process",
    note: "A reset at RCV.NXT kills the TIME_WAIT socket: with tcp_rfc1337 = 0, the default, Linux accepts this TIME-WAIT assassination (RFC 1337); with tcp_rfc1337 = 1 it ignores the reset and waits out its 60 s.",
  },
  {
    ...REFERENCE_MACHINE.rows.find((r) => r.from === "TIME_WAIT" && r.event === "timeout")!,
    noteKey: "linux|TIME_WAIT|timeout",
    kernel: "include/net/tcp.h: TCP_TIMEWAIT_LEN; net/ipv4/inet_timewait_sock.c: inet_twsk_kill",
    note: "TIME_WAIT lasts TCP_TIMEWAIT_LEN, a fixed 60 s (not 2 × MSL, and no sysctl changes it); restarted by any retransmitted FIN. Then the timewait socket is deleted.",
  },
]);
