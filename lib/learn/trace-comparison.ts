import type { Trace, TraceStep } from "../sim";

/*
 * How a scenario's run under one profile compares with its run under
 * another: the same steps at the same times, the same steps at other times
 * (TIME_WAIT's length, the RTO floor), or other steps (RST+ACK for RST, a
 * reset where RFC 9293 keeps receiving).
 */

export type TraceComparison = "same" | "timing" | "steps";

export function compareTraces(a: Trace, b: Trace): TraceComparison {
  if (a.steps.length !== b.steps.length || a.steps.some((step, i) => shape(step) !== shape(b.steps[i]!))) return "steps";
  return a.steps.every((step, i) => step.t === b.steps[i]!.t) ? "same" : "timing";
}

/** What happened at a step, without its time or words (an errno's name counts as words). */
function shape(step: TraceStep): string {
  const segment = step.segment ? `${step.segment.flags} ${step.segment.seq} ${step.segment.ack} ${step.segment.len}` : "";
  return [step.event, step.at, step.client, step.server, segment].join("|");
}
