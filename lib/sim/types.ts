import type { Flags, Machine, TcpEvent, TcpState } from "../tcp";

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
 * - `ack timer`: a delayed acknowledgment goes out;
 * - `user timeout`: retransmission gives up (RFC 9293 3.10.8);
 * - `lost`: the network drops a segment;
 * - `old duplicate`: the network delivers a segment left over from an earlier connection.
 */
export const SIM_EVENTS = [
  "rcv data",
  "rcv ACK of data",
  "rcv unacceptable",
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
  /** An error the step reports to the application ("connection reset"). */
  error?: string;
}

export interface Trace {
  scenario: string;
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
  /** Initial retransmission timeout (RFC 6298 recommends 1 s). */
  rto: number;
  /** Maximum segment lifetime; TIME_WAIT lasts twice this. */
  msl: number;
  /** Retransmissions of one segment before the user timeout gives up. */
  maxRetries: number;
}

export const DEFAULT_TIMING: TimingOptions = {
  latency: 50,
  rto: 1000,
  // RFC 9293 3.4.2 sets MSL to 2 minutes, so TIME_WAIT lasts 4 (Linux uses a fixed 60 s).
  msl: 120_000,
  maxRetries: 5,
};

export interface SimulationOptions extends NetworkOptions {
  isn?: { client?: number; server?: number };
  timing?: Partial<TimingOptions>;
}

export type { Machine };
