import type { Flags, Machine, ProfileName, TcpState } from "../tcp";
import type { AcceptQueue, NetworkOptions, Side, TimingOptions } from "./types";

/*
 * What a simulation is given: the two ends, what their applications do and
 * when, and what befalls them (losses, delays, old duplicates, crashes).
 */

export type UserCall = "passive open" | "active open" | "send" | "close" | "abort";

/**
 * How the application closes: `close()` gives up the descriptor (Linux then
 * calls the socket orphaned), `shutdown(SHUT_WR)` only ends sending. Both are
 * RFC 9293's CLOSE, the machine's `close` event.
 */
export type CloseCall = "close()" | "shutdown()";

/** A user call at a fixed time. */
export interface ScheduledCall {
  at: number;
  side: Side;
  call: UserCall;
  /** Bytes handed to `send`. */
  bytes?: number;
  /** For `close`: close() (the default) or shutdown(SHUT_WR). */
  how?: CloseCall;
}

/** A user call made `after` ms once `side` first enters `onState`: how an application reacts. */
export interface Reaction {
  side: Side;
  onState: TcpState;
  after: number;
  call: UserCall;
  bytes?: number;
  how?: CloseCall;
}

/** A segment from an earlier connection that the network delivers at `at`. */
export interface OldDuplicate {
  at: number;
  from: Side;
  flags: Flags;
  /** Its sequence number, given the ISN clock values of both sides. */
  seq: (isn: { client: number; server: number }) => number;
  ack?: (isn: { client: number; server: number }) => number;
  len?: number;
}

/**
 * A host that crashes at `at`: its TCB is lost and it sends nothing (no FIN,
 * no RST), so its peer is left with a half-open connection (RFC 9293 3.5.1).
 * By default it reboots at once, and its stack, holding no TCB, answers what
 * arrives as CLOSED does (3.10.7.1). With `stayDown` it never comes back:
 * what is sent to it vanishes, and its application makes no more calls.
 */
export interface Crash {
  at: number;
  side: Side;
  stayDown?: boolean;
}

/** Per side: how the connection and the application around it are set up. */
export interface EndpointOptions {
  /** Bytes already sent before an ESTABLISHED start. */
  preSent?: number;
  /** Milliseconds an ACK may wait for data or a FIN to ride on. */
  delayedAck?: number;
  /** A listening socket owns this side's port: when the connection is gone, its segments meet the listener (LISTEN). */
  listener?: boolean;
  /** The application set SO_KEEPALIVE. */
  keepalive?: boolean;
}

export interface SimulationSetup {
  name: string;
  /** rfc9293 (the default) or linux: the machine, timers and rules around it. */
  profile?: ProfileName;
  /** A machine that replaces the profile's (the counterfactual machines). */
  machine?: Machine;
  initial: Record<Side, "CLOSED" | "LISTEN" | "ESTABLISHED">;
  isn: { client: number; server: number };
  calls?: ScheduledCall[];
  reactions?: Reaction[];
  oldDuplicates?: OldDuplicate[];
  crashes?: readonly Crash[];
  network?: NetworkOptions;
  timing?: Partial<TimingOptions>;
  endpoints?: Partial<Record<Side, EndpointOptions>>;
  /** The server's accept queue (linux profile only: RFC 9293 has none). */
  acceptQueue?: AcceptQueue;
  /**
   * The client connects to its own address and port (its ephemeral port
   * happened to equal the destination port on the same host): every segment
   * it sends comes back to itself. The server takes no part and stays as it is.
   */
  selfConnect?: boolean;
}
