import { hasFlag, seqAdd, seqLe, seqLt } from "../tcp";
import { senderOf, type CaptureConnection } from "./connections";
import type { CapturedSegment } from "./types";

/**
 * What a segment is, seen from the wire alone, before the machine runs: the
 * labels Wireshark's TCP analysis gives, each with the rule behind it.
 * - `retransmission`: it carries sequence space its sender had already sent (RFC 9293 3.8.1; RFC 6298 5);
 * - `fast retransmission`: the same, right after three duplicate ACKs (RFC 5681 3.2);
 * - `spurious retransmission`: its receiver had already acknowledged all of it;
 * - `never received`: it was sent again, and nothing its receiver sent in between acknowledged it,
 *   so it evidently never arrived (the capture saw it before the loss);
 * - `duplicate`: the very same packet seen twice (same IP identification, or within a millisecond);
 * - `out of order`: never sent before, yet below data its sender had already sent: overtaken on the way;
 * - `gap`: it begins beyond anything its sender had sent, so the capture missed a segment;
 * - `duplicate ack`: an empty ACK repeating the last one while data is outstanding (RFC 5681 2);
 * - `keepalive`: one byte (or none) just below SND.NXT on an idle connection (RFC 9293 3.8.4);
 * - `acked unseen`: it acknowledges bytes the capture never showed.
 */
export const MARK_KINDS = [
  "retransmission",
  "fast retransmission",
  "spurious retransmission",
  "never received",
  "duplicate",
  "out of order",
  "gap",
  "duplicate ack",
  "keepalive",
  "acked unseen",
] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export interface SegmentMark {
  kind: MarkKind;
  /** For a retransmission: the segment (1-based, within the connection) it repeats. */
  of?: number;
  /** For a duplicate ACK: which one (1, 2, 3...). */
  count?: number;
}

/** The rule each mark stands on, cited as the rest of SynAck cites. */
export const MARK_RULES: Readonly<Record<MarkKind, string>> = {
  retransmission: "RFC 9293 3.8.1; RFC 6298 5",
  "fast retransmission": "RFC 5681 3.2",
  "spurious retransmission": "RFC 9293 3.8.1; RFC 5681 3.2",
  "never received": "RFC 9293 3.8.1",
  duplicate: "RFC 9293 3.10.7.4",
  "out of order": "RFC 9293 3.10.7.4",
  gap: "RFC 9293 3.4",
  "duplicate ack": "RFC 5681 2",
  keepalive: "RFC 9293 3.8.4",
  "acked unseen": "RFC 9293 3.4",
};

/** Sequence space: data, plus one for SYN and one for FIN (RFC 9293 3.4). */
export function spaceOf(segment: CapturedSegment): number {
  return segment.payloadLength + (hasFlag(segment.flags, "SYN") ? 1 : 0) + (hasFlag(segment.flags, "FIN") ? 1 : 0);
}

function timestampOf(segment: CapturedSegment): number | null {
  const option = segment.options.find((o) => o.kind === "timestamps");
  return option && option.kind === "timestamps" ? option.value : null;
}

function packetKey(segment: CapturedSegment): string {
  return [segment.seq, segment.ack, segment.flags, segment.payloadLength, segment.window, timestampOf(segment), segment.ipId].join("|");
}

interface SenderTrack {
  /** One past the highest sequence number sent. */
  end: number | null;
  /** First segment index (0-based) that carried each start of sequence space. */
  firstAt: Map<number, number>;
  packets: Map<string, number>;
  lastAck: { ack: number; window: number } | null;
  dupAcks: number;
  /** Highest ACK this side has sent. */
  highestAck: number | null;
  synAckSent: boolean;
}

/** Marks for every segment of a connection, by index in `connection.segments`. */
export function markSegments(connection: CaptureConnection): SegmentMark[][] {
  const marks: SegmentMark[][] = connection.segments.map(() => []);
  const track: Record<"client" | "server", SenderTrack> = { client: newTrack(), server: newTrack() };
  const retransmissions: { index: number; of: number }[] = [];
  connection.segments.forEach((segment, index) => {
    const side = senderOf(connection, segment);
    const own = track[side];
    const peer = track[side === "client" ? "server" : "client"];
    const space = spaceOf(segment);
    const key = packetKey(segment);
    const seen = own.packets.get(key);
    if (seen !== undefined && (segment.ipId !== null || timestampOf(segment) !== null || segment.time - connection.segments[seen]!.time < 0.001)) {
      marks[index]!.push({ kind: "duplicate", of: seen + 1 });
      return;
    }
    own.packets.set(key, index);
    const rst = hasFlag(segment.flags, "RST");
    // In a simultaneous open each side answers the other's SYN with a SYN+ACK that repeats its own SYN's number (RFC 9293 3.5): not a retransmission.
    const firstSynAck = segment.flags === "SYN+ACK" && !own.synAckSent;
    if (segment.flags === "SYN+ACK") own.synAckSent = true;
    if (space > 0 && own.end !== null && seqLt(segment.seq, own.end) && !firstSynAck) {
      const first = own.firstAt.get(segment.seq);
      const isKeepalive = segment.payloadLength <= 1 && space <= 1 && seqAdd(segment.seq, 1) === own.end && !hasFlag(segment.flags, "FIN") && !hasFlag(segment.flags, "SYN");
      if (isKeepalive && first === undefined) {
        marks[index]!.push({ kind: "keepalive" });
      } else if (first === undefined && segment.time - lastTime(connection, index) < 0.003) {
        marks[index]!.push({ kind: "out of order" });
      } else {
        const of = first ?? -1;
        const acked = peer.highestAck !== null && seqLe(seqAdd(segment.seq, space), peer.highestAck);
        const kind = acked ? "spurious retransmission" : peer.dupAcks >= 3 ? "fast retransmission" : "retransmission";
        marks[index]!.push(of >= 0 ? { kind, of: of + 1 } : { kind });
        if (of >= 0 && !acked) retransmissions.push({ index, of });
      }
    } else if (space > 0 && own.end !== null && seqLt(own.end, segment.seq) && !rst) {
      marks[index]!.push({ kind: "gap" });
    }
    if (space > 0 && !own.firstAt.has(segment.seq)) own.firstAt.set(segment.seq, index);
    if (space > 0 && (own.end === null || seqLt(own.end, seqAdd(segment.seq, space)))) own.end = seqAdd(segment.seq, space);
    if (!rst && hasFlag(segment.flags, "ACK")) {
      if (peer.end !== null && seqLt(peer.end, segment.ack)) marks[index]!.push({ kind: "acked unseen" });
      const pureAck = space === 0;
      const outstanding = peer.end !== null && seqLt(segment.ack, peer.end);
      if (pureAck && outstanding && own.lastAck && own.lastAck.ack === segment.ack && own.lastAck.window === segment.window) {
        own.dupAcks++;
        marks[index]!.push({ kind: "duplicate ack", count: own.dupAcks });
      } else if (!pureAck || own.lastAck?.ack !== segment.ack) {
        own.dupAcks = 0;
      }
      own.lastAck = { ack: segment.ack, window: segment.window };
      if (own.highestAck === null || seqLt(own.highestAck, segment.ack)) own.highestAck = segment.ack;
    }
  });
  // A retransmitted segment that nothing acknowledged in between never reached its receiver.
  for (const { index, of } of retransmissions) {
    const original = connection.segments[of]!;
    const side = senderOf(connection, original);
    const end = seqAdd(original.seq, spaceOf(original));
    const answered = connection.segments.slice(of + 1, index).some((reply) => {
      if (senderOf(connection, reply) === side || !hasFlag(reply.flags, "ACK")) return false;
      // A SYN's only acknowledgment is the SYN+ACK or RST+ACK that names it.
      return seqLe(end, reply.ack);
    });
    if (!answered && !marks[of]!.some((mark) => mark.kind === "never received")) marks[of]!.push({ kind: "never received" });
  }
  return marks;
}

function newTrack(): SenderTrack {
  return { end: null, firstAt: new Map(), packets: new Map(), lastAck: null, dupAcks: 0, highestAck: null, synAckSent: false };
}

function lastTime(connection: CaptureConnection, index: number): number {
  return index > 0 ? connection.segments[index - 1]!.time : Number.NEGATIVE_INFINITY;
}
