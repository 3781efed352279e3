import { hasFlag, seqAdd, seqDiff, seqLt } from "../tcp";
import type { Segment } from "./types";

/*
 * The receive side's out-of-order queue. RFC 9293 3.10.7.4 processes
 * segments in sequence: one that begins beyond RCV.NXT "SHOULD be held for
 * later processing" (SHLD-31), and a FIN counts only once everything before
 * it has arrived (eighth check). Linux keeps the same queue
 * (net/ipv4/tcp_input.c: tcp_data_queue_ofo, tcp_ofo_queue).
 */

/** The held segments with `segment` added in sequence order; a copy of one already held replaces it. */
export function holdSegment(held: readonly Segment[], segment: Segment): Segment[] {
  return [...held.filter((other) => other.seq !== segment.seq), segment].sort((a, b) => seqDiff(a.seq, b.seq));
}

/**
 * The first held segment once the gap before it is filled, trimmed to begin
 * at RCV.NXT, with the rest; held segments that RCV.NXT has passed entirely
 * are dropped on the way. Null while a gap remains.
 */
export function takeInOrder(held: readonly Segment[], rcvNxt: number): { segment: Segment; rest: Segment[] } | null {
  let rest = [...held];
  while (rest.length > 0) {
    const first = rest[0]!;
    if (seqLt(rcvNxt, first.seq)) return null;
    rest = rest.slice(1);
    const before = seqDiff(rcvNxt, first.seq);
    const len = first.len - before;
    const fin = hasFlag(first.flags, "FIN");
    if (len > 0 || (len === 0 && fin)) return { segment: { ...first, seq: seqAdd(first.seq, before), len }, rest };
  }
  return null;
}

/** Whether the first held segment is now in order. */
export function heldInOrder(held: readonly Segment[], rcvNxt: number): Segment | null {
  const first = held[0];
  return first && !seqLt(rcvNxt, first.seq) ? first : null;
}

/** What a held segment carries, as the notes say it: "100 bytes", "FIN", "100 bytes and FIN". */
export function heldContents(segment: Pick<Segment, "flags" | "len">): string {
  const fin = hasFlag(segment.flags, "FIN");
  if (segment.len === 0) return "FIN";
  return fin ? `${segment.len} bytes and FIN` : `${segment.len} bytes`;
}
