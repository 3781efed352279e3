import { machineSteps, runScenario, SCENARIO_NAMES, sentSegments, type MachineStep, type SimulationOptions, type Trace } from "../sim";
import {
  isUserCall,
  PROFILES,
  rowVariants,
  TCP_EVENTS,
  TCP_STATES,
  transition,
  type Outcome,
  type ProfileName,
  type TcpEvent,
  type TcpState,
  type TransitionContext,
} from "../tcp";
import { USER_CALL_PREMISES } from "./user-calls";

/**
 * A situation a question may start from: a state, what happens in it, and,
 * for a row with more than one case, which case it is. The context of such
 * a row is always explicit (`{ activeOpen: false }` for SYN_RECEIVED reached
 * from LISTEN), so that the prompt can say which case it asks about.
 */
export interface Premise {
  state: TcpState;
  event: TcpEvent;
  context: TransitionContext;
}

/** How far past its due time a segment is held: past the next segment, and past the first RTO. */
const DELAYS_MS = [300, 1_500] as const;

/** The scenario as written, with each of its segments lost in turn, and each delayed. */
function networkVariants(base: Trace): SimulationOptions[] {
  const numbers = sentSegments(base).map((segment) => segment.n);
  return [
    {},
    ...numbers.map((n) => ({ lose: [n] })),
    ...DELAYS_MS.flatMap((by) => numbers.map((n) => ({ delay: { [n]: by } }))),
  ];
}

/** The plain case of a row that has variants, said explicitly: not after an active open, not a newer SYN. */
function negated(context: TransitionContext): TransitionContext {
  return Object.fromEntries(Object.keys(context).map((key) => [key, false]));
}

/** Every case of a row, each with its explicit context; one case with an empty context for a plain row. */
export function premiseCases(state: TcpState, event: TcpEvent, profile: ProfileName): { context: TransitionContext; outcome: Outcome }[] {
  const cases = rowVariants(state, event, PROFILES[profile].machine);
  if (cases.length === 1) return cases;
  const plain = Object.assign({}, ...cases.slice(1).map((entry) => negated(entry.context))) as TransitionContext;
  return [{ context: plain, outcome: cases[0]!.outcome }, ...cases.slice(1)];
}

/** Which case of its row a step of a trace was: the one whose outcome the step shows. */
function caseOfStep(step: MachineStep, trace: Trace, profile: ProfileName): TransitionContext[] {
  const cases = premiseCases(step.from, step.event, profile);
  if (cases.length === 1) return [cases[0]!.context];
  const recorded = trace.steps[step.index]!.variant;
  const sent = trace.steps[step.index]!.segment?.flags ?? null;
  let matching = cases.filter(({ outcome }) => (recorded ? outcome.variant === recorded : outcome.to === step.to));
  if (!recorded && matching.length > 1) {
    const bySends = matching.filter(({ outcome }) => outcome.sends === sent);
    if (bySends.length > 0) matching = bySends;
  }
  if (matching.length === 0) throw new Error(`${trace.scenario}: ${step.from} + ${step.event} → ${step.to} matches no case of its row`);
  return matching.map((entry) => entry.context);
}

export function premiseKey(premise: Premise): string {
  const context = Object.entries(premise.context)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
  return `${premise.state}|${premise.event}${context ? `|${context}` : ""}`;
}

/**
 * What the machine is actually asked when a connection runs: every named
 * scenario of the profile's own machine (the counterfactual ones are left
 * out), as written, with each segment lost in turn and each delayed. User
 * calls are not taken from here but from user-calls.ts.
 */
function simulatedPremises(profile: ProfileName): Premise[] {
  const machine = PROFILES[profile].machine.name;
  const premises: Premise[] = [];
  for (const name of SCENARIO_NAMES) {
    const base = runScenario(name, { profile });
    if (base.machine !== machine) continue;
    for (const options of networkVariants(base)) {
      const trace = runScenario(name, { ...options, profile });
      for (const step of machineSteps(trace)) {
        if (isUserCall(step.event)) continue;
        for (const context of caseOfStep(step, trace, profile)) premises.push({ state: step.from, event: step.event, context });
      }
    }
  }
  return premises;
}

/** The user calls a program can make (the RFC-only ones in the rfc9293 profile alone), less those refused with an error. */
function callPremises(profile: ProfileName): Premise[] {
  return USER_CALL_PREMISES.filter((entry) => entry.api === "sockets" || profile === "rfc9293")
    .filter((entry) => transition(entry.state, entry.call, {}, PROFILES[profile].machine).kind !== "error")
    .map((entry) => ({ state: entry.state, event: entry.call, context: {} }));
}

const cache = new Map<ProfileName, readonly Premise[]>();

/**
 * Every premise a question of `profile` may start from, in table order.
 * Computed once per profile (a few hundred short simulations) and the same
 * on every run.
 */
export function reachablePremises(profile: ProfileName): readonly Premise[] {
  const cached = cache.get(profile);
  if (cached) return cached;
  const unique = new Map<string, Premise>();
  for (const premise of [...simulatedPremises(profile), ...callPremises(profile)]) unique.set(premiseKey(premise), premise);
  const order = (premise: Premise) => TCP_STATES.indexOf(premise.state) * TCP_EVENTS.length + TCP_EVENTS.indexOf(premise.event);
  const premises = [...unique.values()].sort((a, b) => order(a) - order(b) || premiseKey(a).localeCompare(premiseKey(b)));
  cache.set(profile, premises);
  return premises;
}

export function isReachable(premise: Premise, profile: ProfileName): boolean {
  const key = premiseKey(premise);
  return reachablePremises(profile).some((candidate) => premiseKey(candidate) === key);
}
