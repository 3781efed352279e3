import { hasFlag, REFERENCE_MACHINE, seqAdd, seqDiff, seqLe, seqLt, seqInWindow, transition, type Machine, type TcpEvent, type TransitionContext } from "../tcp";
import type { Endpoint } from "./endpoint";
import { simNotes } from "./notes";
import type { Segment } from "./types";

/**
 * How an arriving segment is handled, decided by the acceptability tests of
 * RFC 9293 section 3.10.7 before the transition table is consulted:
 * - `table`: the machine's row for `event` decides (with `deliver` bytes of in-order data);
 * - `data`: data, or an acknowledgment of data, that changes no state;
 * - `out of order`: data or a FIN beyond a gap, to be held until the gap fills; `ackEvent` is
 *   the machine's event when its ACK field newly acknowledges our SYN or FIN;
 * - `unacceptable`: a segment the RFC answers (`reply`) or drops (null) before any state logic.
 */
export type Arrival =
  | { kind: "table"; event: TcpEvent; deliver: number; retransmittedFin: boolean; context?: TransitionContext }
  | { kind: "data"; event: "rcv data" | "rcv ACK of data"; deliver: number }
  | { kind: "out of order"; ackEvent: "rcv ACK" | null }
  | { kind: "unacceptable"; reply: "ACK" | "RST" | null; note: string; rfc: string };

/** Sequence space a segment occupies: its data, plus one for SYN and one for FIN. */
export function segmentSpace(segment: Pick<Segment, "flags" | "len">): number {
  return segment.len + (hasFlag(segment.flags, "SYN") ? 1 : 0) + (hasFlag(segment.flags, "FIN") ? 1 : 0);
}

export function classifyArrival(endpoint: Endpoint, segment: Segment, machine: Machine = REFERENCE_MACHINE): Arrival {
  switch (endpoint.state) {
    case "CLOSED":
    case "LISTEN":
      return classifyWithoutConnection(segment);
    case "SYN_SENT":
      return classifyInSynSent(endpoint, segment);
    default:
      return classifySynchronized(endpoint, segment, machine);
  }
}

function table(event: TcpEvent, deliver = 0, retransmittedFin = false): Arrival {
  return { kind: "table", event, deliver, retransmittedFin };
}

/** 3.10.7.1 and 3.10.7.2: no synchronized TCB, so only the bits matter. */
function classifyWithoutConnection(segment: Segment): Arrival {
  const has = (flag: "SYN" | "ACK" | "FIN" | "RST") => hasFlag(segment.flags, flag);
  if (has("RST")) return table("rcv RST");
  if (has("SYN")) return table(has("ACK") ? "rcv SYN+ACK" : "rcv SYN");
  if (has("FIN")) return table("rcv FIN");
  return table("rcv ACK");
}

/** 3.10.7.3: the ACK is checked first; only a SYN can move SYN_SENT on. */
function classifyInSynSent(endpoint: Endpoint, segment: Segment): Arrival {
  const has = (flag: "SYN" | "ACK" | "FIN" | "RST") => hasFlag(segment.flags, flag);
  const ackAcceptable = segment.ack !== null && seqLt(endpoint.iss, segment.ack) && seqLe(segment.ack, endpoint.sndNxt);
  if (has("ACK") && !ackAcceptable) {
    return has("RST")
      ? { kind: "unacceptable", reply: null, note: "A reset whose ACK does not acknowledge our SYN: drop it.", rfc: "3.10.7.3" }
      : {
          kind: "unacceptable",
          reply: "RST",
          note: `Its ACK (${segment.ack}) does not acknowledge our SYN (SEG.ACK must be ISS+1 = ${seqAdd(endpoint.iss, 1)}): send <SEQ=SEG.ACK><CTL=RST> and drop it.`,
          rfc: "3.10.7.3",
        };
  }
  if (has("RST")) {
    return has("ACK")
      ? table("rcv RST")
      : { kind: "unacceptable", reply: null, note: "A reset without ACK cannot be validated in SYN_SENT: drop it.", rfc: "3.10.7.3" };
  }
  if (has("SYN")) return table(has("ACK") ? "rcv SYN+ACK" : "rcv SYN");
  if (has("FIN")) return table("rcv FIN");
  return table("rcv ACK");
}

/** 3.10.7.4: sequence check, reset check, SYN check, ACK check, then data and FIN. */
function classifySynchronized(endpoint: Endpoint, segment: Segment, machine: Machine): Arrival {
  const has = (flag: "SYN" | "ACK" | "FIN" | "RST") => hasFlag(segment.flags, flag);
  const rcvNxt = endpoint.rcvNxt ?? 0;
  const windowEnd = seqAdd(rcvNxt, endpoint.rcvWnd);
  const ackCoversSyn = segment.ack !== null && seqLt(endpoint.sndUna, segment.ack) && seqLe(segment.ack, endpoint.sndNxt);

  if (has("SYN")) {
    if (endpoint.state === "SYN_RECEIVED" && has("ACK") && !ackCoversSyn) {
      return badAckInSynReceived(segment);
    }
    if (endpoint.state === "TIME_WAIT" && !has("ACK") && seqLt(rcvNxt, segment.seq)) {
      // Above RCV.NXT: it cannot be an old duplicate of this connection (RFC 9293 3.6.1).
      return { kind: "table", event: "rcv SYN", deliver: 0, retransmittedFin: false, context: { newerSyn: true } };
    }
    return table(has("ACK") ? "rcv SYN+ACK" : "rcv SYN");
  }

  if (has("RST")) {
    if (segment.seq === rcvNxt) return table("rcv RST");
    if (seqInWindow(segment.seq, rcvNxt, windowEnd)) {
      return {
        kind: "unacceptable",
        reply: "ACK",
        note: `A reset in the window but not at RCV.NXT (${rcvNxt}): send a challenge ACK and drop it (RFC 5961).`,
        rfc: "3.10.7.4",
      };
    }
    return { kind: "unacceptable", reply: null, note: "A reset outside the window: drop it silently.", rfc: "3.10.7.4" };
  }

  // A retransmitted FIN ends exactly at RCV.NXT. RFC 9293's test would call
  // it old; SynAck reads it as Linux and BSD do (tcp_input.c: tcp_sequence):
  // acceptable, so its ACK field counts in CLOSING, LAST_ACK and TIME_WAIT alike.
  const finSeq = seqAdd(segment.seq, segment.len);
  if (has("FIN") && endpoint.peerFin && finSeq === seqAdd(rcvNxt, -1)) {
    return table(coversOurFin(endpoint, segment) ? "rcv FIN+ACK" : "rcv FIN", 0, true);
  }

  if (!acceptableSequence(segment, rcvNxt, windowEnd)) {
    return {
      kind: "unacceptable",
      reply: "ACK",
      note: `SEQ=${segment.seq} is outside the receive window [${rcvNxt}, ${windowEnd}): an old or stray segment. Send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop it.`,
      rfc: "3.10.7.4",
    };
  }
  const ahead = seqLt(rcvNxt, segment.seq) && (segment.len > 0 || has("FIN"));
  if (!has("ACK") || segment.ack === null) {
    return { kind: "unacceptable", reply: null, note: "The ACK bit is off: drop the segment.", rfc: "3.10.7.4" };
  }
  if (seqLt(endpoint.sndNxt, segment.ack)) {
    if (endpoint.state === "SYN_RECEIVED") return badAckInSynReceived(segment);
    if (has("FIN") && endpoint.finSeq === null) return table("rcv FIN+ACK");
    return {
      kind: "unacceptable",
      reply: "ACK",
      note: `ACK=${segment.ack} acknowledges something not yet sent (SND.NXT=${endpoint.sndNxt}): send an ACK and drop it.`,
      rfc: "3.10.7.4",
    };
  }
  if (endpoint.state === "SYN_RECEIVED" && !ackCoversSyn) return badAckInSynReceived(segment);

  const newlyAcksSyn = endpoint.state === "SYN_RECEIVED";
  const newlyAcksFin = endpoint.finSeq !== null && seqLe(endpoint.sndUna, endpoint.finSeq) && coversOurFin(endpoint, segment);
  // Data or a FIN beyond a gap waits for it (SHLD-31); a bare ACK ahead of
  // RCV.NXT is still in the window, so it is processed now.
  if (ahead && acceptsData(endpoint) && !endpoint.peerFin) return { kind: "out of order", ackEvent: newlyAcksSyn || newlyAcksFin ? "rcv ACK" : null };
  if (ahead) return { kind: "unacceptable", reply: "ACK", note: simNotes.beyondFin(segment.seq, rcvNxt), rfc: "3.10.7.4" };

  // A segment that straddles RCV.NXT: only its new part is processed (3.10.7.4, first check).
  const stale = seqLt(segment.seq, rcvNxt) ? seqDiff(rcvNxt, segment.seq) : 0;
  const deliver = acceptsData(endpoint) ? Math.max(0, segment.len - stale) : 0;
  if (has("FIN")) return table(coversOurFin(endpoint, segment) ? "rcv FIN+ACK" : "rcv FIN", deliver);
  if (newlyAcksSyn || newlyAcksFin) return table("rcv ACK", deliver);
  if (segment.len > 0) return { kind: "data", event: "rcv data", deliver };
  // An empty ACK that says nothing about our SYN or FIN: the table's `rcv ACK`
  // row describes it only where that row leaves the state alone.
  if (transition(endpoint.state, "rcv ACK", {}, machine).to === endpoint.state) return table("rcv ACK");
  return { kind: "data", event: "rcv ACK of data", deliver: 0 };
}

function badAckInSynReceived(segment: Segment): Arrival {
  return {
    kind: "unacceptable",
    reply: "RST",
    note: `Its ACK (${segment.ack}) does not acknowledge our SYN: in SYN_RECEIVED an unacceptable ACK is answered <SEQ=SEG.ACK><CTL=RST>.`,
    rfc: "3.10.7.4",
  };
}

function acceptableSequence(segment: Segment, rcvNxt: number, windowEnd: number): boolean {
  const space = segmentSpace(segment);
  if (space === 0) return seqInWindow(segment.seq, rcvNxt, windowEnd);
  return seqInWindow(segment.seq, rcvNxt, windowEnd) || seqInWindow(seqAdd(segment.seq, space - 1), rcvNxt, windowEnd);
}

function coversOurFin(endpoint: Endpoint, segment: Segment): boolean {
  return endpoint.finSeq !== null && segment.ack !== null && seqLe(seqAdd(endpoint.finSeq, 1), segment.ack);
}

/** Data is received until the peer's FIN; the RFC ignores text after it. */
function acceptsData(endpoint: Endpoint): boolean {
  return ["SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2"].includes(endpoint.state);
}
