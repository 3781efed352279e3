import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROFILE,
  hasFlag,
  isSequenceNumber,
  NO_TIME_WAIT_MACHINE,
  PROFILES,
  seqLe,
  TCP_EVENTS,
  transition,
  TWO_WAY_HANDSHAKE_MACHINE,
  type Machine,
  type TcpEvent,
  type TcpState,
} from "@/lib/tcp";
import { SIDES, simulate, stateSequence, type Side, type SimulationSetup, type Trace } from "@/lib/sim";
import { setupArb } from "./arbitraries";

/** Fixed, so that CI sees the same setups every run; set SYNACK_PROPERTY_SEED (and _RUNS) to explore further. */
const SEED = Number(process.env.SYNACK_PROPERTY_SEED ?? 9293);
const NUM_RUNS = Number(process.env.SYNACK_PROPERTY_RUNS ?? 300);

const isMachineEvent = (event: string): event is TcpEvent => (TCP_EVENTS as readonly string[]).includes(event);
const noConnection = (state: TcpState) => state === "CLOSED" || state === "LISTEN";

/** Walks a trace step by step, keeping each side's state before the step. */
function* walk(trace: Trace) {
  const before: Record<Side, TcpState> = { ...trace.initial };
  for (const step of trace.steps) {
    yield { step, before: { ...before } };
    before.client = step.client;
    before.server = step.server;
  }
}

/** (a) Within one connection, the acknowledgment numbers a side sends never go backwards. */
function checkAcksNeverGoBack(trace: Trace): void {
  const last: Record<Side, number | null> = { client: null, server: null };
  for (const { step } of walk(trace)) {
    const segment = step.segment;
    // Old duplicates come from the network, and a side without a connection answers with numbers taken from the segment.
    if (segment && step.at === segment.from && segment.ack !== null && !noConnection(step[segment.from])) {
      const previous = last[segment.from];
      if (previous !== null) expect(seqLe(previous, segment.ack), `#${segment.n} from ${segment.from}: ack ${segment.ack} after ${previous}`).toBe(true);
      last[segment.from] = segment.ack;
    }
    for (const side of SIDES) if (noConnection(step[side])) last[side] = null;
  }
}

/** (b) A side enters TIME_WAIT only if it closed first: it was in FIN_WAIT_1, and never in CLOSE_WAIT, in this connection. */
function checkTimeWaitOnlyForActiveCloser(trace: Trace): void {
  const seen: Record<Side, Set<TcpState>> = { client: new Set([trace.initial.client]), server: new Set([trace.initial.server]) };
  for (const { step, before } of walk(trace)) {
    for (const side of SIDES) {
      const state = step[side];
      if (state === "TIME_WAIT" && before[side] !== "TIME_WAIT") {
        expect(seen[side].has("FIN_WAIT_1"), `${side} entered TIME_WAIT at ${step.t} without FIN_WAIT_1`).toBe(true);
        expect(seen[side].has("CLOSE_WAIT"), `${side} entered TIME_WAIT at ${step.t} after CLOSE_WAIT`).toBe(false);
      }
      // A newer SYN reopens TIME_WAIT (RFC 9293 3.6.1): a new connection begins without passing CLOSED.
      if (noConnection(state) || (before[side] === "TIME_WAIT" && state === "SYN_RECEIVED")) seen[side].clear();
      seen[side].add(state);
    }
  }
}

/** How many connections a side took part in: an ESTABLISHED start, and each departure from CLOSED or LISTEN. */
function connections(trace: Trace, side: Side): number {
  const states = stateSequence(trace, side);
  let count = trace.initial[side] === "ESTABLISHED" ? 1 : 0;
  for (let i = 1; i < states.length; i++) if (noConnection(states[i - 1]!) && !noConnection(states[i]!)) count++;
  return count;
}

/** An orderly close: one connection each, both sent a FIN, both end CLOSED or TIME_WAIT, and no reset, abort or user timeout. */
function closedInOrder(trace: Trace): boolean {
  const reset = trace.steps.some((step) => step.segment !== null && hasFlag(step.segment.flags, "RST"));
  const aborted = trace.steps.some((step) => step.event === "abort" || step.event === "user timeout");
  const last = trace.steps.at(-1);
  return (
    !reset &&
    !aborted &&
    last !== undefined &&
    SIDES.every((side) => {
      const states = stateSequence(trace, side);
      const sentFin = states.includes("FIN_WAIT_1") || states.includes("LAST_ACK");
      return connections(trace, side) === 1 && sentFin && (last[side] === "CLOSED" || last[side] === "TIME_WAIT");
    })
  );
}

/** (c) Bytes delivered never exceed what the peer sent, and match it exactly after an orderly close. */
function checkBytes(trace: Trace): boolean {
  expect(trace.bytes.client.delivered).toBeLessThanOrEqual(trace.bytes.server.sent);
  expect(trace.bytes.server.delivered).toBeLessThanOrEqual(trace.bytes.client.sent);
  if (!closedInOrder(trace)) return false;
  expect(trace.bytes.client.delivered).toBe(trace.bytes.server.sent);
  expect(trace.bytes.server.delivered).toBe(trace.bytes.client.sent);
  return true;
}

/**
 * The simulator's own events that may change a state without the machine,
 * and the states they may leave behind: a timer that gives up (Linux drops a
 * request that came from LISTEN and keeps listening), Linux's reset of data
 * after close(), a crash, and a final ACK answered with RST by a full accept
 * queue. Every other state change goes through `transition()`.
 */
const OUTSIDE_THE_MACHINE: Partial<Record<string, readonly TcpState[]>> = {
  "user timeout": ["CLOSED", "LISTEN"],
  "rcv data after close": ["CLOSED"],
  crash: ["CLOSED"],
  "keepalive timeout": ["CLOSED"],
  "listen overflow": ["LISTEN"],
};

/** (d) Every step of the machine's own events changes state exactly as `transition()` says; the other side is untouched. */
function checkMachineIsNeverBypassed(trace: Trace, setup: SimulationSetup): void {
  const machine = setup.machine ?? PROFILES[setup.profile ?? DEFAULT_PROFILE].machine;
  // Whether each side's current connection began with an active OPEN (the context of SYN_RECEIVED + rcv RST).
  const activeOpen: Record<Side, boolean> = { client: trace.initial.client === "ESTABLISHED", server: false };
  for (const { step, before } of walk(trace)) {
    if (step.at === "network") {
      expect({ client: step.client, server: step.server }, `network step ${step.event} at ${step.t}`).toEqual(before);
      continue;
    }
    const side = step.at;
    const peer = side === "client" ? "server" : "client";
    expect(step[peer], `${side}'s ${step.event} at ${step.t} changed ${peer}`).toBe(before[peer]);
    if (isMachineEvent(step.event)) {
      const context = { activeOpen: activeOpen[side], newerSyn: step.variant === "newer SYN" };
      const expected = transition(before[side], step.event, context, machine).to;
      expect(`${before[side]} + ${step.event} → ${step[side]}`).toBe(`${before[side]} + ${step.event} → ${expected}`);
    } else if (OUTSIDE_THE_MACHINE[step.event] && step[side] !== before[side]) {
      expect(OUTSIDE_THE_MACHINE[step.event], `${step.event} left ${side} in ${step[side]}`).toContain(step[side]);
      if (step.event === "user timeout" && step[side] === "LISTEN") expect(before[side]).toBe("SYN_RECEIVED");
      if (step.event === "listen overflow") expect(before[side]).toBe("SYN_RECEIVED");
    } else {
      expect(`${step.event} left ${side} in ${step[side]}`).toBe(`${step.event} left ${side} in ${before[side]}`);
    }
    if (noConnection(step[side])) activeOpen[side] = false;
    else if (noConnection(before[side]) && step[side] === "SYN_SENT") activeOpen[side] = true;
  }
}

/** Segments are numbered 1, 2, ... in the order sent, and carry valid sequence numbers. */
function checkSegments(trace: Trace): void {
  const segments = trace.steps.flatMap((step) => (step.segment ? [step.segment] : []));
  expect(segments.map((segment) => segment.n)).toEqual(segments.map((_, i) => i + 1));
  for (const segment of segments) {
    expect(isSequenceNumber(segment.seq)).toBe(true);
    if (segment.ack !== null) expect(isSequenceNumber(segment.ack)).toBe(true);
    expect(segment.ack !== null).toBe(hasFlag(segment.flags, "ACK"));
  }
}

function checkTimeNeverGoesBack(trace: Trace): void {
  const times = trace.steps.map((step) => step.t);
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

describe("simulator invariants over random setups (both profiles)", () => {
  it("(a)-(e) hold, and orderly closes deliver every byte", () => {
    let orderly = 0;
    let orderlyWithData = 0;
    let timeWaits = 0;
    const profiles = new Set<string>();
    let crashes = 0;
    let held = 0;
    fc.assert(
      fc.property(setupArb(), (setup) => {
        const trace = simulate(setup);
        checkAcksNeverGoBack(trace);
        checkTimeWaitOnlyForActiveCloser(trace);
        if (checkBytes(trace)) {
          orderly++;
          if (trace.bytes.client.sent + trace.bytes.server.sent > 0) orderlyWithData++;
        }
        checkMachineIsNeverBypassed(trace, setup);
        checkSegments(trace);
        checkTimeNeverGoesBack(trace);
        if (trace.steps.some((step) => step.client === "TIME_WAIT" || step.server === "TIME_WAIT")) timeWaits++;
        profiles.add(trace.profile);
        if (trace.steps.some((step) => step.event === "crash")) crashes++;
        if (trace.steps.some((step) => step.event === "rcv out of order")) held++;
        expect(simulate(setup)).toEqual(trace);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    // The generator must reach the interesting cases, or the invariants above are vacuous.
    expect(orderly).toBeGreaterThan(NUM_RUNS / 10);
    expect(orderlyWithData).toBeGreaterThan(NUM_RUNS / 20);
    expect(timeWaits).toBeGreaterThan(NUM_RUNS / 10);
    expect([...profiles].sort()).toEqual(["linux", "rfc9293"]);
    expect(crashes).toBeGreaterThan(NUM_RUNS / 20);
    expect(held).toBeGreaterThan(0);
  });
});

/** A machine that prints as its name in a counterexample, not as its 132 rows. */
function named(machine: Machine) {
  return { machine, toString: () => machine.name, [fc.toStringMethod]: () => `machine ${machine.name}` };
}

describe("simulator invariants over random setups (counterfactual machines)", () => {
  it("the simulator never bypasses the counterfactual machines either, and stays deterministic", () => {
    fc.assert(
      fc.property(fc.constantFrom(TWO_WAY_HANDSHAKE_MACHINE, NO_TIME_WAIT_MACHINE).map(named), setupArb(), ({ machine }, base) => {
        const setup = { ...base, machine };
        const trace = simulate(setup);
        checkMachineIsNeverBypassed(trace, setup);
        checkSegments(trace);
        expect(trace.machine).toBe(setup.machine!.name);
        expect(simulate(setup)).toEqual(trace);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
