import type { Segment, Side } from "./types";

/*
 * The notes the simulator writes for steps its machine does not decide:
 * out-of-order segments, crashes, keep-alive, the accept queue. Each says
 * what happens and cites its rule; lib/learn/step-note.ts renders each one
 * in Chinese, so a change here is a change there.
 */

export const simNotes = {
  quickSynRetry: (ms: number) => ` Linux resends its SYN ${ms} ms later instead of after the RTO: the peer's old state is likely gone (once, before any retransmission).`,

  held: (seq: number, rcvNxt: number, contents: string) =>
    `SEQ=${seq} is ahead of RCV.NXT=${rcvNxt}: a gap before it. The segment (${contents}) is held until the gap fills, to be processed in sequence (3.10.7.4, SHLD-31); a duplicate ACK tells the sender what is missing (MAY-13).`,

  gapFilled: (bytes: number, rcvNxt: number, next: number) =>
    `${bytes} bytes of data delivered in order (RCV.NXT=${rcvNxt}); held segment #${next} is now in order and is processed next, so one ACK covers both (3.10.7.4, MUST-59).`,

  beyondFin: (seq: number, rcvNxt: number) =>
    `SEQ=${seq} lies beyond the peer's FIN (RCV.NXT=${rcvNxt}): nothing can follow a FIN, so the text is ignored (3.10.7.4, seventh check). Send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop it.`,

  duplicateAck: (ack: number) => `A duplicate ACK (SEG.ACK=SND.UNA=${ack}): nothing new is acknowledged; the state stays.`,

  crash: (side: Side, stayDown: boolean) =>
    stayDown
      ? `The ${side}'s host crashes and stays down: its TCB is lost and nothing is sent (no FIN, no RST), so its peer is not told (3.5.1); nothing sent to it will be answered.`
      : `The ${side}'s host crashes and reboots: its TCB is lost and nothing is sent (no FIN, no RST), so its peer is not told (3.5.1); the rebooted stack answers what arrives as CLOSED does.`,

  hostDown: (segment: Segment, side: Side) =>
    `Segment ${segment.n} (${segment.flags}) reaches the ${side}'s host, which is down: nothing receives it and nothing answers.`,

  listener: () =>
    "The connection's TCB is gone, but a listening socket still owns the port: a segment to the port now meets the listener (LISTEN), as after a passive OPEN (3.10.1).",

  keepaliveProbe: (number: number, of: number, idleMs: number) =>
    `Keep-alive probe ${number} of ${of}: nothing heard from the peer for ${idleMs / 1000} s and nothing outstanding, so send <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK> with no data, which a live peer answers with an ACK (3.8.4; RFC 1122 4.2.3.6).`,

  keepaliveGiveUpLinux: (probes: number, intervalMs: number) =>
    `No answer to ${probes} keep-alive probes ${intervalMs / 1000} s apart: the peer is taken for dead. Linux sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, deletes the socket and reports ETIMEDOUT.`,

  keepaliveGiveUpRfc: (probes: number, intervalMs: number) =>
    `No answer to ${probes} keep-alive probes ${intervalMs / 1000} s apart: the connection is given up, the user told and the TCB deleted; nothing is sent. RFC 9293 sets no probe count (3.8.4 forbids only giving up on one unanswered probe, MUST-29); this profile takes Linux's.`,

  queued: (queue: string, rfc: boolean) =>
    `Another client's connection completes its handshake and joins the accept queue: ${queue}; the queue is full when it holds more than the backlog.` +
    (rfc ? " RFC 9293 has no accept queue (the backlog belongs to the sockets API), so this profile does not act on it." : ""),

  accept: (queue: string | null) =>
    queue === null
      ? "The application calls accept(), but no connection waits: it blocks until one completes."
      : `The application calls accept() and takes the oldest connection off the queue: ${queue}.`,

  overflowSyn: (queue: string) =>
    `The accept queue is full (${queue}): the listener drops the SYN without an answer, and the client's retransmission timer will send it again.`,

  overflowAck: (queue: string) =>
    `The accept queue is full (${queue}): no socket can be made for this connection, so its final ACK is dropped (tcp_abort_on_overflow = 0). The request stays in SYN_RECEIVED and its timer resends the SYN+ACK, while the client already believes the connection ESTABLISHED.`,

  overflowReset: (queue: string) =>
    `The accept queue is full (${queue}) and tcp_abort_on_overflow = 1: the final ACK is answered <SEQ=SEG.ACK><CTL=RST> and the request is dropped; the listener goes on listening.`,
};

/**
 * Kernel sources of the steps above where the linux profile departs from RFC
 * 9293. The others behave alike in both: Linux holds out-of-order segments
 * (net/ipv4/tcp_input.c: tcp_data_queue_ofo, tcp_ofo_queue), meets a segment
 * with its listener once no connection matches (include/net/inet_hashtables.h:
 * __inet_lookup) and probes with SEQ=SND.UNA-1 (net/ipv4/tcp_output.c:
 * tcp_xmit_probe_skb).
 */
export const SIM_KERNEL = {
  keepaliveGiveUp: "net/ipv4/tcp_timer.c: tcp_keepalive_timer (tcp_send_active_reset, tcp_write_err)",
  queueFull: "include/net/sock.h: sk_acceptq_is_full",
  overflowSyn: "net/ipv4/tcp_input.c: tcp_conn_request; include/net/sock.h: sk_acceptq_is_full",
  overflowAck:
    "net/ipv4/tcp_minisocks.c: tcp_check_req (listen_overflow); net/ipv4/tcp_ipv4.c: tcp_v4_syn_recv_sock; include/net/sock.h: sk_acceptq_is_full; net/ipv4/inet_connection_sock.c: reqsk_timer_handler",
  overflowReset: "net/ipv4/tcp_minisocks.c: tcp_check_req (listen_overflow, embryonic_reset)",
  quickSynRetry: "net/ipv4/tcp_input.c: tcp_rcv_synsent_state_process; include/net/tcp.h: TCP_TIMEOUT_MIN",
} as const;
