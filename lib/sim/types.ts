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
}

/**
 * Events the simulator records besides the machine's own:
 * - `rcv data`: a segment that carries data and says nothing new about SYN or FIN;
 * - `rcv ACK of data`: an empty ACK that acknowledges data only;
 * - `rcv unacceptable`: fails the acceptability tests of RFC 9293 3.10.7 and is answered as they say;
 * - `rcv data after close`: new data for an application that has called close() (Linux resets; RFC 1122 4.2.2.13);
 * - `ack timer`: a delayed acknowledgment goes out;
 * - `user timeout`: retransmission gives up (RFC 9293 3.10.8);
 * - `lost`: the network drops a segment;
 * - `old duplicate`: the network delivers a segment left over from an earlier connection.
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
}

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
  };
}

export const DEFAULT_TIMING: TimingOptions = timingFor(RFC9293_PROFILE);

export interface SimulationOptions extends NetworkOptions {
  isn?: { client?: number; server?: number };
  /** rfc9293 (the default) or linux. */
  profile?: ProfileName;
  timing?: Partial<TimingOptions>;
}

export type { Machine };
