import { runScenario, sentSegments, type Segment, type Trace } from "../../sim";
import type { ProfileName } from "../../tcp";
import type { Question, TraceBlank } from "../question";
import type { Random } from "../random";

/** Scenarios whose segments come one at a time, so "the Nth segment" is unambiguous. */
export const SEQUENTIAL_SCENARIOS = [
  "open",
  "close-client-first",
  "close-server-first",
  "close-combined",
  "half-close",
  "lost-syn",
  "lost-syn-ack",
  "lost-third-ack",
  "lost-fin",
  "lost-last-ack",
  "rst-closed-port",
  "abort",
  "out-of-order-fin",
  "half-open-discovery",
  "self-connect",
] as const;

/**
 * The interview scenarios (lib/sim/interview-scenarios.ts), each a topic an
 * interviewer asks about: the keep-alive one spans two hours of idle time,
 * which the diagrams draw by step, not to scale.
 */
export const INTERVIEW_TRACE_SCENARIOS = [
  "keepalive-dead-peer",
  "out-of-order-fin",
  "syn-to-time-wait-newer",
  "syn-to-time-wait-older",
  "syn-on-established",
  "half-open-discovery",
  "self-connect",
  "accept-queue-full",
] as const;

/** True when a side opens a second connection, whose ISN comes from the ISN clock rather than the given one. */
export function reconnects(scenario: ScenarioRun): boolean {
  return scenario.segments.some((segment) => segment.flags.startsWith("SYN") && segment.seq !== scenario.isn[segment.from]);
}

/** ISNs a person can add to in their head but that are not the defaults. */
export function randomIsn(random: Random): { client: number; server: number } {
  const pick = () => (random.chance(0.2) ? random.int(4_294_000_000, 4_294_967_295) : random.int(1_000, 4_000_000_000));
  return { client: pick(), server: pick() };
}

export interface ScenarioRun {
  scenario: string;
  profile: ProfileName;
  lose: number[];
  delay: Record<number, number>;
  isn: { client: number; server: number };
  trace: Trace;
  segments: Segment[];
  /** Segments the network dropped, the scenario's own losses included. */
  lost: Set<number>;
}

export interface RunOptions {
  lose?: number[];
  delay?: Record<number, number>;
}

/**
 * Recent runs, by their inputs: a question runs its scenario once in its own
 * profile and again in the other to see whether the answer depends on it,
 * and many questions share the default ISNs. Bounded, oldest out first.
 * Runs are shared, so nobody may change one.
 */
const recent = new Map<string, ScenarioRun>();
const RECENT_RUNS = 256;

export function run(scenario: string, isn: { client: number; server: number }, profile: ProfileName, options: RunOptions = {}): ScenarioRun {
  const lose = options.lose ?? [];
  const delay = options.delay ?? {};
  const key = JSON.stringify([scenario, isn.client, isn.server, profile, lose, delay]);
  const cached = recent.get(key);
  if (cached) return cached;
  const trace = runScenario(scenario, { isn, lose, delay, profile });
  const lost = new Set(trace.steps.flatMap((step) => (step.lost === undefined ? [] : [step.lost])));
  const result: ScenarioRun = { scenario, profile, lose, delay, isn, trace, segments: sentSegments(trace), lost };
  if (recent.size >= RECENT_RUNS) recent.delete(recent.keys().next().value!);
  recent.set(key, result);
  return result;
}

/** The same scenario, numbers and network in another profile. */
export function rerun(scenario: ScenarioRun, profile: ProfileName): ScenarioRun {
  return run(scenario.scenario, scenario.isn, profile, { lose: scenario.lose, delay: scenario.delay });
}

/** What a question records to draw its trace again. */
export function traceOf(scenario: ScenarioRun, blank?: TraceBlank): NonNullable<Question["trace"]> {
  return {
    scenario: scenario.scenario,
    lose: scenario.lose,
    ...(Object.keys(scenario.delay).length > 0 ? { delay: scenario.delay } : {}),
    isn: scenario.isn,
    profile: scenario.profile,
    ...(blank ? { blank } : {}),
  };
}

/** Which topics a scenario belongs to. */
export function scenarioTopics(scenario: string): string[] {
  const topics = new Set<string>();
  if (/open|syn|handshake|rst-closed/.test(scenario)) topics.add("handshake");
  if (/close|fin|last-ack|abort|time-wait/.test(scenario)) topics.add("close");
  if (/last-ack|close-|time-wait/.test(scenario)) topics.add("time-wait");
  if (/lost|old-duplicate|no-time-wait|two-way/.test(scenario)) topics.add("what-if");
  return [...topics];
}
