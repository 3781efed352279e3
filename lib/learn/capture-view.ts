import type { Capture } from "../capture";
import type { ConnectionReplay, ReplayedEndpoint, ReplayedSegment } from "../capture/replay-connection";
import type { TcpState } from "../tcp";

/*
 * What /learn/capture shows of a replay, worked out apart from React: the
 * skipped frames counted by reason, an endpoint's address as people write
 * it, each side's final state, and which captured segments a step of the
 * trace sent, received or lost.
 */

export interface SkippedSummary {
  reason: string;
  count: number;
}

/** Skipped frames by reason, most frequent first, in first-seen order between equals. */
export function summariseSkipped(skipped: Capture["skipped"]): SkippedSummary[] {
  const counts = new Map<string, number>();
  for (const frame of skipped) counts.set(frame.reason, (counts.get(frame.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

/** "127.0.0.1:43800", "[::1]:45746" (brackets around IPv6, as in a URL). */
export function endpointAddress(endpoint: Pick<ReplayedEndpoint, "addr" | "port">): string {
  return endpoint.addr.includes(":") ? `[${endpoint.addr}]:${endpoint.port}` : `${endpoint.addr}:${endpoint.port}`;
}

/** Each side's state at the end of the replay, timers included. */
export function finalStates(replay: ConnectionReplay): { client: TcpState; server: TcpState } {
  const last = replay.trace.steps.at(-1);
  return last ? { client: last.client, server: last.server } : { ...replay.trace.initial };
}

export type SegmentRole = "sent" | "received" | "lost" | "reassembled";

/** The captured segments step `index` of the trace touched, with how; empty for a timer's step or past the end. */
export function stepSegments(replay: ConnectionReplay, index: number): { role: SegmentRole; segment: ReplayedSegment }[] {
  const step = replay.trace.steps[index];
  if (!step) return [];
  const byNumber = (n: number | undefined) => (n === undefined ? undefined : replay.segments.find((segment) => segment.n === n));
  const touched: [SegmentRole, number | undefined][] = [
    ["received", step.received],
    ["lost", step.lost],
    ["reassembled", step.reassembled],
    ["sent", step.segment?.n],
  ];
  return touched.flatMap(([role, n]) => {
    const segment = byNumber(n);
    return segment ? [{ role, segment }] : [];
  });
}
