import { seqAdd, type Flags } from "@/lib/tcp";
import { sentSegments, type Segment, type Side, type SimulationSetup, type Trace } from "@/lib/sim";

export type Isn = { client: number; server: number };

/** ISN pairs every scenario is run with: the RFC's own figures, and both ends just before the 2^32 wrap. */
export const ISN_PAIRS: readonly Isn[] = [
  { client: 100, server: 300 },
  { client: 4294967290, server: 4294967000 },
];

/** Sequence numbers written relative to the ISNs: `c(1)` is ISN(client) + 1, modulo 2^32. */
export function relativeTo(isn: Isn) {
  return {
    c: (offset: number) => seqAdd(isn.client, offset),
    s: (offset: number) => seqAdd(isn.server, offset),
  };
}

/** A segment as a test expects it: everything but its number. */
export type ExpectedSegment = Omit<Segment, "n">;

export function segment(from: Side, flags: Flags, seq: number, ack: number | null, len = 0): ExpectedSegment {
  return { from, flags, seq, ack, len };
}

/** The segments of a trace without their numbers, in the order sent. */
export function wire(trace: Trace): ExpectedSegment[] {
  return sentSegments(trace).map(({ n: _n, ...rest }) => rest);
}

/** Numbers of the segments the network dropped, in order. */
export function lostSegments(trace: Trace): number[] {
  return trace.steps.flatMap((step) => (step.event === "lost" && step.lost !== undefined ? [step.lost] : []));
}

/** Segment numbers in the order `side` received them. */
export function receivedOrder(trace: Trace, side: Side): number[] {
  return trace.steps.flatMap((step) => (step.at === side && step.received !== undefined ? [step.received] : []));
}

/** The errors reported to the applications, as "side: event: error". */
export function reportedErrors(trace: Trace): string[] {
  return trace.steps.flatMap((step) => (step.error ? [`${step.at}: ${step.event}: ${step.error}`] : []));
}

/** A setup with sensible defaults, for tests that build their own. */
export function setupOf(overrides: Partial<SimulationSetup> & Pick<SimulationSetup, "initial">): SimulationSetup {
  return { name: "test", isn: { client: 100, server: 300 }, ...overrides };
}
