import type { TcpState } from "../tcp";
import type { Side, Trace } from "./types";

/** Each side's states through the trace, starting with the initial one, repeats collapsed. */
export function stateSequence(trace: Trace, side: Side): TcpState[] {
  const states: TcpState[] = [trace.initial[side]];
  for (const step of trace.steps) {
    if (step[side] !== states[states.length - 1]) states.push(step[side]);
  }
  return states;
}

/** The segments of a trace in the order they were sent. */
export function sentSegments(trace: Trace) {
  return trace.steps.flatMap((step) => (step.segment ? [step.segment] : []));
}
