import { seqAdd, type Flags, type TcpState } from "../tcp";
import type { Segment, Side } from "./types";

/** A segment waiting for acknowledgment, kept to retransmit it. */
export interface Outstanding {
  flags: Flags;
  seq: number;
  len: number;
  /** Sequence space it occupies: data length plus one for SYN and one for FIN. */
  space: number;
  retries: number;
  /** When it was first sent, to measure the round trip from its acknowledgment. */
  sentAt: number;
}

/** The part of a transmission control block (RFC 9293 3.3.1) the simulator needs. */
export interface Endpoint {
  side: Side;
  state: TcpState;
  /** The connection left CLOSED by an active OPEN (matters in SYN_RECEIVED). */
  activeOpen: boolean;
  /**
   * The application called close(), not shutdown(SHUT_WR): it holds no
   * descriptor any more (Linux calls the socket orphaned, SOCK_DEAD).
   */
  orphaned: boolean;
  /** ISN clock value at t = 0; each new connection takes the clock's value then (RFC 9293 3.4.1). */
  isnBase: number;
  iss: number;
  sndUna: number;
  sndNxt: number;
  /** Null until the peer's SYN tells us its sequence numbers. */
  rcvNxt: number | null;
  rcvWnd: number;
  /** Sequence number of our FIN once sent. */
  finSeq: number | null;
  /** The peer's FIN has been received. */
  peerFin: boolean;
  /** Data the application handed over that is not yet sent (queued before ESTABLISHED). */
  queuedBytes: number;
  outstanding: Outstanding[];
  rto: number;
  /** The RTO that the first measured round trip gave, restored after each new acknowledgment; the initial RTO before. */
  baseRto: number;
  /** Each timer is valid while its generation matches; restarting one bumps it. */
  rtoGeneration: number;
  timeWaitGeneration: number;
  ackGeneration: number;
  /** Milliseconds an ACK may wait for data or a FIN to ride on; 0 sends at once. */
  delayedAck: number;
  ackPending: boolean;
  bytesSent: number;
  bytesDelivered: number;
  /** Connections this endpoint has opened; the first one uses the given ISN exactly. */
  connections: number;
  /** When this endpoint last answered an unacceptable segment with an ACK. */
  lastInvalidReplyAt: number;
  rttMeasured: boolean;
  finWait2Generation: number;
  /** Out-of-order segments (data or FIN beyond a gap), held in sequence order until the gap fills. */
  held: Segment[];
  /**
   * A listening socket owns this side's port: once the connection's TCB is
   * gone, a segment to the port meets the listener (LISTEN) again.
   */
  listener: boolean;
  /** The host has crashed and stays down: nothing it is sent is received. */
  hostDown: boolean;
  /** The application set SO_KEEPALIVE (off unless asked for: RFC 9293 3.8.4, MUST-25). */
  keepalive: boolean;
  keepaliveGeneration: number;
  /** When a segment from the peer last arrived: the keep-alive idle time counts from here. */
  lastHeardAt: number;
  /** Keep-alive probes sent since the peer was last heard from. */
  probesOut: number;
}

/** The ISN clock ticks every 4 microseconds: 250 per millisecond (RFC 9293 3.4.1). */
export const ISN_TICKS_PER_MS = 250;

/**
 * The ISS for a connection opened at `t`: the given ISN for the first one (so
 * that traces can be checked against it), the ISN clock for later ones.
 */
export function isnAt(endpoint: Endpoint, t: number): number {
  return endpoint.connections === 0 ? endpoint.isnBase : seqAdd(endpoint.isnBase, ISN_TICKS_PER_MS * t);
}

export interface EndpointSetup {
  side: Side;
  state: "CLOSED" | "LISTEN" | "ESTABLISHED";
  isn: number;
  peerIsn: number;
  rto: number;
  delayedAck?: number;
  /** For an ESTABLISHED start: bytes each side already sent before the scenario begins. */
  preSent?: number;
  peerPreSent?: number;
  listener?: boolean;
  keepalive?: boolean;
}

export function createEndpoint(setup: EndpointSetup): Endpoint {
  const established = setup.state === "ESTABLISHED";
  const sndNxt = established ? seqAdd(setup.isn, 1 + (setup.preSent ?? 0)) : setup.isn;
  return {
    side: setup.side,
    state: setup.state,
    activeOpen: established && setup.side === "client",
    orphaned: false,
    isnBase: setup.isn,
    iss: setup.isn,
    sndUna: sndNxt,
    sndNxt,
    rcvNxt: established ? seqAdd(setup.peerIsn, 1 + (setup.peerPreSent ?? 0)) : null,
    rcvWnd: 65_535,
    finSeq: null,
    peerFin: false,
    queuedBytes: 0,
    outstanding: [],
    rto: setup.rto,
    baseRto: setup.rto,
    rtoGeneration: 0,
    timeWaitGeneration: 0,
    ackGeneration: 0,
    delayedAck: setup.delayedAck ?? 0,
    ackPending: false,
    bytesSent: 0,
    bytesDelivered: 0,
    connections: established ? 1 : 0,
    lastInvalidReplyAt: Number.NEGATIVE_INFINITY,
    rttMeasured: false,
    finWait2Generation: 0,
    held: [],
    listener: setup.listener ?? false,
    hostDown: false,
    keepalive: setup.keepalive ?? false,
    keepaliveGeneration: 0,
    lastHeardAt: 0,
    probesOut: 0,
  };
}

/** Forget the connection: what a TCB deletion leaves behind for the next one. */
export function resetEndpoint(endpoint: Endpoint): void {
  endpoint.rcvNxt = null;
  endpoint.finSeq = null;
  endpoint.peerFin = false;
  endpoint.queuedBytes = 0;
  endpoint.outstanding = [];
  endpoint.activeOpen = false;
  endpoint.orphaned = false;
  endpoint.ackPending = false;
  endpoint.rttMeasured = false;
  endpoint.held = [];
  endpoint.probesOut = 0;
  endpoint.keepaliveGeneration++;
  endpoint.finWait2Generation++;
  endpoint.rtoGeneration++;
  endpoint.timeWaitGeneration++;
  endpoint.ackGeneration++;
}
