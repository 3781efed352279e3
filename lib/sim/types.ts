import { RFC9293_PROFILE, type Flags, type Machine, type Profile, type ProfileName, type RowVariant, type TcpEvent, type TcpState } from "../tcp";

export type Side = "client" | "server";
export const SIDES = ["client", "server"] as const satisfies readonly Side[];

export function peerOf(side: Side): Side {
  return side === "client" ? "server" : "client";
}

/** A segment on the wire. `n` numbers segments 1, 2, ... in the order they were sent. */
export interface Segment {
  n: number;
  from: Side;
  flags: Flags;
  seq: number;
  /** The acknowledgment number, or null when the ACK bit is off. */
  ack: number | null;
  /** Bytes of data carried. */
  len: number;
  /**
   * Where it goes when that is not the peer: a socket connected to its own
   * address and port (a self-connect) receives its own segments.
   */
  to?: Side;
}

/**
 * Events the simulator records besides the machine's own:
 * - `rcv data`: a segment that carries data and says nothing new about SYN or FIN;
 * - `rcv ACK of data`: an empty ACK that acknowledges data only;
 * - `rcv unacceptable`: fails the acceptability tests of RFC 9293 3.10.7 and is answered as they say;
 * - `rcv data after close`: new data for an application that has called close() (Linux resets; RFC 1122 4.2.2.13);
 * - `ack timer`: a delayed acknowledgment goes out;
 * - `user timeout`: retransmission gives up (RFC 9293 3.10.8);
 * - `lost`: the network drops a segment, or delivers it to a host that is down;
 * - `old duplicate`: the network delivers a segment left over from an earlier connection;
 * - `rcv out of order`: data or a FIN beyond a gap, held until the gap fills (RFC 9293 3.10.7.4);
 * - `crash`: a host crashes and loses its TCB without sending anything;
 * - `keepalive probe`: an idle connection with SO_KEEPALIVE probes its peer (RFC 9293 3.8.4);
 * - `keepalive timeout`: no probe was answered, the connection is given up;
 * - `connection queued`: another client's connection joins the listener's accept queue;
 * - `accept`: the application takes a connection off the accept queue;
 * - `listen overflow`: a SYN or a final ACK meets a full accept queue (Linux).
 * - `window update`: an ACK that acknowledges nothing new (a replayed capture shows them; RFC 9293 3.8.6).
 */
export const SIM_EVENTS = [
  "rcv data",
  "rcv ACK of data",
  "rcv unacceptable",
  "rcv data after close",
  "ack timer",
  "user timeout",
  "lost",
  "old duplicate",
  "rcv out of order",
  "crash",
  "keepalive probe",
  "keepalive timeout",
  "connection queued",
  "accept",
  "listen overflow",
  "window update",
] as const;
export type SimEvent = (typeof SIM_EVENTS)[number];

export interface TraceStep {
  /** Milliseconds since the scenario started. */
  t: number;
  event: TcpEvent | SimEvent;
  at: Side | "network";
  /** The segment this step put on the wire, or null. */
  segment: Segment | null;
  /** For a received or lost segment, its number. */
  received?: number;
  lost?: number;
  /** A held out-of-order segment processed at this step, now that the gap before it is filled. */
  reassembled?: number;
  /** Both ends' states after the step. */
  client: TcpState;
  server: TcpState;
  /** What happened and why. */
  note: string;
  /** The RFC 9293 section behind the step, when the machine decided it. */
  rfc?: string;
  /** The Linux kernel source behind the step, when the linux profile departs from the RFC. */
  kernel?: string;
  /** Which case of its row the machine took, where a row has more than one (a newer SYN in TIME_WAIT). */
  variant?: RowVariant;
  /** An error the step reports to the application ("connection reset"). */
  error?: string;
  /** The note in Chinese, where the step's writer has it (a replayed capture); else lib/learn/step-note.ts renders it. */
  noteZh?: string;
}

export interface Trace {
  scenario: string;
  /** The profile whose timers and rules ran: rfc9293 or linux. */
  profile: ProfileName;
  machine: string;
  isn: { client: number; server: number };
  initial: { client: TcpState; server: TcpState };
  steps: TraceStep[];
  /** Bytes each side's application sent and had delivered, by the end. */
  bytes: Record<Side, { sent: number; delivered: number }>;
}

export interface NetworkOptions {
  /** Drop these segments (1-based, in the order sent). */
  lose?: readonly number[];
  /** Extra delay in milliseconds for these segments, by number; enough delay reorders them. */
  delay?: Readonly<Record<number, number>>;
}

export interface TimingOptions {
  /** One-way latency of the network. */
  latency: number;
  /** Retransmission timeout before a round trip has been measured (RFC 6298 recommends 1 s). */
  rto: number;
  /** Floor and ceiling of the retransmission timeout. */
  minRto: number;
  maxRto: number;
  /** The RTO after the first measured round trip R (Karn: never from a retransmitted segment). */
  rtoFromRtt: (rtt: number) => number;
  /** Maximum segment lifetime. */
  msl: number;
  /** How long TIME_WAIT lasts; null for twice the MSL. */
  timeWait: number | null;
  /** How long an orphaned FIN_WAIT_2 lasts, or null for no limit. */
  finWait2Timeout: number | null;
  /** Retransmissions of one data segment before the user timeout gives up. */
  maxRetries: number;
  /** Retransmissions of a SYN, of a SYN+ACK, and of a FIN after close(). */
  synRetries: number;
  synAckRetries: number;
  orphanRetries: number;
  /** SYN retransmissions, beyond synRetries, at a constant RTO before it doubles (Linux 6.5+: tcp_syn_linear_timeouts). */
  synLinearTimeouts: number;
  /** After an unacceptable ACK in SYN_SENT, resend the SYN this soon (Linux: TCP_TIMEOUT_MIN), or null to wait for the RTO. */
  quickSynRetry: number | null;
  /** SO_KEEPALIVE: idle time before the first probe, time between probes, and unanswered probes before giving up. */
  keepaliveTime: number;
  keepaliveInterval: number;
  keepaliveProbes: number;
}

/**
 * Keep-alive timing, the same in both profiles. RFC 9293 3.8.4 (after RFC
 * 1122 4.2.3.6) requires only that the idle interval default to no less than
 * two hours (MUST-28) and sets no probe interval or count, so both profiles
 * take Linux's defaults (include/net/tcp.h: TCP_KEEPALIVE_TIME 2 h,
 * TCP_KEEPALIVE_INTVL 75 s, TCP_KEEPALIVE_PROBES 9).
 */
export const KEEPALIVE_TIMING = { keepaliveTime: 7_200_000, keepaliveInterval: 75_000, keepaliveProbes: 9 } as const;

/** A profile's timers in the simulator's terms. */
export function timingFor(profile: Profile, latency = 50): TimingOptions {
  const timers = profile.timers;
  return {
    latency,
    rto: timers.initialRto,
    minRto: timers.minRto,
    maxRto: timers.maxRto,
    rtoFromRtt: timers.rtoFromRtt,
    msl: timers.msl,
    // RFC 9293 ties TIME_WAIT to the MSL; Linux fixes it.
    timeWait: timers.timeWait === 2 * timers.msl ? null : timers.timeWait,
    finWait2Timeout: timers.finWait2Timeout,
    maxRetries: timers.dataRetries,
    synRetries: timers.synRetries,
    synAckRetries: timers.synAckRetries,
    orphanRetries: timers.orphanRetries,
    synLinearTimeouts: timers.synLinearTimeouts,
    quickSynRetry: timers.quickSynRetry,
    ...KEEPALIVE_TIMING,
  };
}

export const DEFAULT_TIMING: TimingOptions = timingFor(RFC9293_PROFILE);

/**
 * A listener's accept queue: connections whose handshake is complete and that
 * wait for the application's accept(). It belongs to the sockets API, not to
 * RFC 9293, so only the linux profile acts on it.
 */
export interface AcceptQueue {
  /** listen()'s backlog, already capped by net.core.somaxconn (net/socket.c: __sys_listen). */
  backlog: number;
  /** Connections waiting for accept() when the scenario starts. */
  queued: number;
  /** Times at which other clients' connections complete and join the queue. */
  joinsAt?: readonly number[];
  /** Times at which the application calls accept() and takes the oldest connection. */
  acceptsAt?: readonly number[];
  /** net.ipv4.tcp_abort_on_overflow = 1: a final ACK that meets a full queue is answered with RST (default 0: dropped). */
  abortOnOverflow?: boolean;
}

export interface SimulationOptions extends NetworkOptions {
  isn?: { client?: number; server?: number };
  /** rfc9293 (the default) or linux. */
  profile?: ProfileName;
  timing?: Partial<TimingOptions>;
  /** Changes to the server's accept queue (its backlog), or one for a scenario that has none. */
  acceptQueue?: Partial<AcceptQueue>;
}

export type { Machine };
