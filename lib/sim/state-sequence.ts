import { TCP_EVENTS, type TcpEvent, type TcpState } from "../tcp";
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

export interface MachineStep {
  /** Index of the step in the trace. */
  index: number;
  side: Side;
  from: TcpState;
  event: TcpEvent;
  to: TcpState;
}

/** The steps where the machine's table decided (one of its 12 events at a side), with the state before. */
export function machineSteps(trace: Trace): MachineStep[] {
  const current: Record<Side, TcpState> = { ...trace.initial };
  const steps: MachineStep[] = [];
  trace.steps.forEach((step, index) => {
    if (step.at !== "network" && (TCP_EVENTS as readonly string[]).includes(step.event)) {
      steps.push({ index, side: step.at, from: current[step.at], event: step.event as TcpEvent, to: step[step.at] });
    }
    current.client = step.client;
    current.server = step.server;
  });
  return steps;
}
