import { z } from "zod";
import {
  DEFAULT_PROFILE,
  hasFlag,
  parseEvent,
  parseFlags,
  parseState,
  PROFILE_NAMES,
  PROFILES,
  ROW_VARIANTS,
  rowVariants,
  TCP_EVENTS,
  TCP_STATES,
  type Flag,
  type ProfileName,
  type TcpState,
} from "../tcp";
import { runScenario, SCENARIO_NAMES, stateSequence, type Segment, type Side, type Trace } from "../sim";
import { segmentList, segmentOrdinal } from "./ordinals";
import type { YamlPath } from "./yaml-source";

/**
 * A checkable fact, in one of three shapes (content/README.md):
 * a transition (`in`/`on`/`then`), a prefix of a scenario's segments, or a
 * scenario's state sequences. `checkClaim` evaluates one against the machine
 * and returns each problem with the path of the key it concerns.
 */
export interface ClaimProblem {
  path: YamlPath;
  message: string;
  /** The claim is malformed (unknown name, wrong shape) rather than false. */
  invalid?: true;
}

export type ClaimShape = "transition" | "segments" | "states";

const expression = z.union([z.number().int().min(0), z.string().regex(/^\s*[A-Za-z_][\w']*\s*([+-]\s*\d+\s*)?$|^\s*\d+\s*$/)], {
  error: "must be a number, a name such as x, or name+k such as x+1",
});

const sequenceNumber = z.number().int().min(0).max(4294967295);

const profileName = z.enum(PROFILE_NAMES, { error: `profile must be one of: ${PROFILE_NAMES.join(", ")}` });

const scenarioOptions = {
  scenario: z.string({ error: "scenario must be a scenario name" }),
  profile: profileName.optional(),
  lose: z.array(z.number().int().min(1, "segments are counted from 1"), { error: "lose must be a list of segment numbers" }).optional(),
  isn: z.strictObject({ client: sequenceNumber, server: sequenceNumber }).optional(),
};

const transitionClaim = z.strictObject({
  in: z.string({ error: "in must be a state name" }),
  on: z.string({ error: "on must be an event" }),
  then: z.string({ error: "then must be a state name" }),
  sends: z.union([z.string(), z.null()]).optional(),
  /** The error the application gets: RFC 9293's words ("connection reset") or, under linux, an errno (EPIPE). */
  error: z.string({ error: "error must be the error text, such as connection reset or ECONNRESET" }).optional(),
  /** Which case of a row with two: "active open" (SYN_RECEIVED after a simultaneous open) or "newer SYN" (TIME_WAIT). */
  case: z.enum(ROW_VARIANTS, { error: `case must be one of: ${ROW_VARIANTS.join(", ")}` }).optional(),
  profile: profileName.optional(),
});

const segmentEntry = z.strictObject({
  from: z.enum(["client", "server"], { error: "from must be client or server" }).optional(),
  flags: z.string({ error: "flags must be written like SYN+ACK" }).optional(),
  seq: expression.optional(),
  ack: expression.optional(),
  len: z.number().int().min(0).optional(),
});

const segmentsClaim = z.strictObject({
  ...scenarioOptions,
  segments: z.array(segmentEntry, { error: "segments must be a list" }).min(1, "segments needs at least one entry"),
});

const statesClaim = z.strictObject({
  ...scenarioOptions,
  states: z
    .strictObject({
      client: z.array(z.string()).min(1).optional(),
      server: z.array(z.string()).min(1).optional(),
    })
    .refine((states) => states.client || states.server, "states needs client, server or both"),
});

export function claimShape(claim: unknown): ClaimShape | null {
  if (typeof claim !== "object" || claim === null || Array.isArray(claim)) return null;
  if ("in" in claim || "on" in claim || "then" in claim) return "transition";
  if ("segments" in claim) return "segments";
  if ("states" in claim) return "states";
  return null;
}

export function checkClaim(claim: unknown): ClaimProblem[] {
  switch (claimShape(claim)) {
    case "transition":
      return validated(transitionClaim, claim, checkTransition);
    case "segments":
      return validated(segmentsClaim, claim, checkSegments);
    case "states":
      return validated(statesClaim, claim, checkStates);
    default:
      return [{ path: [], message: "a claim needs in/on/then, or a scenario with segments or states (see content/README.md)", invalid: true }];
  }
}

function validated<T>(schema: z.ZodType<T>, claim: unknown, check: (value: T) => ClaimProblem[]): ClaimProblem[] {
  const result = schema.safeParse(claim);
  if (result.success) return check(result.data);
  return result.error.issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== "symbol"),
    message: issue.code === "unrecognized_keys" ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")} in a claim` : issue.message,
    invalid: true as const,
  }));
}

// ---- transition claims ----

function checkTransition(claim: z.infer<typeof transitionClaim>): ClaimProblem[] {
  const from = parseState(claim.in);
  const event = parseEvent(claim.on);
  const then = parseState(claim.then);
  const problems: ClaimProblem[] = [];
  if (!from) problems.push({ path: ["in"], message: unknownState(claim.in), invalid: true });
  if (!event) problems.push({ path: ["on"], message: `unknown event "${claim.on}"; valid: ${TCP_EVENTS.join(", ")}`, invalid: true });
  if (!then) problems.push({ path: ["then"], message: unknownState(claim.then), invalid: true });
  let claimedSends: string | null | undefined;
  if (claim.sends !== undefined) {
    claimedSends = parseSends(claim.sends);
    if (claimedSends === undefined) {
      problems.push({ path: ["sends"], message: `sends "${claim.sends}" is not a flag set such as ACK or FIN+ACK, nor "nothing"`, invalid: true });
    }
  }
  if (problems.length > 0 || !from || !event || !then) return problems;

  const profile = PROFILES[claim.profile ?? DEFAULT_PROFILE];
  const cases = rowVariants(from, event, profile.machine);
  const chosen = claim.case ? cases.find((c) => c.outcome.variant === claim.case) : cases[0];
  if (!chosen) {
    const valid = cases.slice(1).map((c) => c.outcome.variant);
    return [{ path: ["case"], message: `${from} + "${event}" has ${valid.length > 0 ? `only the case ${valid.join(", ")}` : "no cases"} besides the plain one`, invalid: true }];
  }
  const outcome = chosen.outcome;
  const source = outcome.kernel ? `RFC 9293 §${outcome.rfc}; Linux ${outcome.kernel}` : `RFC 9293 §${outcome.rfc}`;
  const why = `${outcome.note} (${source})`;
  const where = `${claim.profile ? `under the ${profile.name} profile, ` : ""}in ${from}${outcome.variant ? ` (case: ${outcome.variant})` : ""}`;
  const otherCases = !claim.case && cases.length > 1 ? ` This row has another case (case: ${cases[1]!.outcome.variant}); name it with \`case:\` if you mean it.` : "";
  if (outcome.to !== then) {
    problems.push({ path: ["then"], message: `${where}, "${event}" leads to ${outcome.to}, not ${then}: ${why}${otherCases}` });
  }
  if (claim.error !== undefined && claim.error !== (outcome.error ?? "")) {
    problems.push({ path: ["error"], message: `${where}, "${event}" reports ${outcome.error ? `"${outcome.error}"` : "no error"}, not "${claim.error}": ${why}` });
  }
  if (claimedSends !== undefined && claimedSends !== outcome.sends) {
    const hint = claimedSends === "FIN" && outcome.sends === "FIN+ACK" ? " Every segment a side sends after its own first SYN carries ACK (some RSTs aside), so the FIN goes out as FIN+ACK." : "";
    problems.push({
      path: ["sends"],
      message: `${where} on "${event}" the machine sends ${outcome.sends ?? "nothing"}, not ${claimedSends ?? "nothing"}: ${why}${hint}`,
    });
  }
  return problems;
}

/** "nothing", "none", "-" and null mean no segment; otherwise a flag set. Undefined when neither. */
function parseSends(value: string | null): string | null | undefined {
  if (value === null || ["nothing", "none", "-", "无"].includes(value.trim().toLowerCase())) return null;
  return parseFlags(value) ?? undefined;
}

function unknownState(input: string): string {
  return `unknown state "${input}"; valid: ${TCP_STATES.join(", ")}`;
}

// ---- scenario claims ----

type ScenarioClaim = { scenario: string; profile?: ProfileName | undefined; lose?: number[] | undefined; isn?: { client: number; server: number } | undefined };

function runClaimScenario(claim: ScenarioClaim): { trace: Trace } | { problem: ClaimProblem } {
  if (!SCENARIO_NAMES.includes(claim.scenario)) {
    return { problem: { path: ["scenario"], message: `unknown scenario "${claim.scenario}"; valid: ${SCENARIO_NAMES.join(", ")}`, invalid: true } };
  }
  return { trace: runScenario(claim.scenario, { lose: claim.lose ?? [], isn: claim.isn, profile: claim.profile }) };
}

function describeScenario(claim: ScenarioClaim): string {
  const named = claim.lose && claim.lose.length > 0 ? `\`${claim.scenario}\` with segment ${claim.lose.join(", ")} lost` : `\`${claim.scenario}\``;
  return claim.profile ? `${named} under the ${claim.profile} profile` : named;
}

function checkSegments(claim: z.infer<typeof segmentsClaim>): ClaimProblem[] {
  const run = runClaimScenario(claim);
  if ("problem" in run) return [run.problem];
  const sent = sentWithSteps(run.trace);
  const segments = sent.map((entry) => entry.segment);
  const where = describeScenario(claim);
  const bindings: Bindings = new Map();
  const problems: ClaimProblem[] = [];
  const naming: Naming = { trace: run.trace, sent, seqGiven: claim.segments.map((entry) => entry.seq !== undefined), bindings };

  claim.segments.forEach((entry, index) => {
    const actual = segments[index];
    const at = index + 1;
    const path = (key?: string): YamlPath => (key ? ["segments", index, key] : ["segments", index]);
    if (!actual) {
      problems.push({ path: path(), message: `${where} has only ${segments.length} segments; there is no ${segmentOrdinal(at).replace(/^the /, "")}` });
      return;
    }
    const name = `${segmentOrdinal(at)} of ${where}`;
    if (entry.from && entry.from !== actual.from) {
      problems.push({ path: path("from"), message: `${name} is sent by the ${actual.from} (${actual.flags}), not the ${entry.from}` });
    }
    if (entry.flags !== undefined) {
      const claimed = parseFlags(entry.flags);
      if (!claimed) problems.push({ path: path("flags"), message: `flags "${entry.flags}" are not a flag set such as SYN+ACK`, invalid: true });
      else if (claimed !== actual.flags) problems.push({ path: path("flags"), message: `${name} carries ${flagsPhrase(actual.flags)}, not ${claimed}: ${flagReason(claimed, actual.flags, segments)}` });
    }
    if (entry.len !== undefined && entry.len !== actual.len) {
      problems.push({ path: path("len"), message: `${name} carries ${actual.len} bytes of data, not ${entry.len}` });
    }
    for (const field of ["seq", "ack"] as const) {
      const claimed = entry[field];
      if (claimed === undefined) continue;
      const value = actual[field];
      if (value === null) {
        problems.push({ path: path(field), message: `${name} (${actual.flags}) has no acknowledgment number: its ACK bit is off` });
        continue;
      }
      const problem = checkNumber(String(claimed), value, field, at, name, naming);
      if (problem) problems.push({ path: path(field), message: problem });
    }
  });
  return problems;
}

function flagsPhrase(flags: string): string {
  return flags.includes("+") ? flags : `${flags} only`;
}

/** Why the claimed flags are wrong, in terms of where each flag really appears. */
function flagReason(claimed: string, actual: string, segments: Segment[]): string {
  const reasons: string[] = [];
  for (const flag of ["SYN", "FIN", "RST"] as Flag[]) {
    if (hasFlag(claimed, flag) !== hasFlag(actual, flag)) {
      const carriers = segments.filter((segment) => hasFlag(segment.flags, flag)).map((segment) => segment.n);
      reasons.push(carriers.length === 0 ? `no segment of it carries ${flag}` : `${flag} is set on ${segmentList(carriers)} alone`);
    }
  }
  if (hasFlag(claimed, "ACK") !== hasFlag(actual, "ACK")) {
    reasons.push(hasFlag(actual, "ACK") ? "every segment a side sends after its own first SYN carries ACK" : "its ACK bit is off");
  }
  return reasons.join("; ");
}

const NEAR = 1_000_000;

type Bindings = Map<string, { value: number; at: number; field: "seq" | "ack" }>;

/** A segment on the wire with the trace step that sent it; `network` for an old duplicate no endpoint sent. */
interface SentSegment {
  segment: Segment;
  step: number;
  network: boolean;
}

/** What deciding whether a new name is honest needs: the run, which segments the claim gave a seq for, the names so far. */
interface Naming {
  trace: Trace;
  sent: SentSegment[];
  seqGiven: boolean[];
  bindings: Bindings;
}

function sentWithSteps(trace: Trace): SentSegment[] {
  return trace.steps.flatMap((step, index) => (step.segment ? [{ segment: step.segment, step: index, network: step.at === "network" }] : []));
}

const NOT_RANDOM =
  "after the ISN sequence numbers are not random; each follows from the ISN and what was sent before (SYN and FIN count one, data its length, a bare ACK nothing)";

function checkNumber(claimed: string, actual: number, field: "seq" | "ack", at: number, name: string, naming: Naming): string | null {
  const { bindings } = naming;
  const trimmed = claimed.replace(/\s+/g, "");
  if (/^\d+$/.test(trimmed)) {
    const expected = Number(trimmed);
    return expected === actual ? null : `${name} has ${field}=${actual}${relation(actual, bindings)}, not ${expected}`;
  }
  const match = /^([A-Za-z_][\w']*)(?:([+-])(\d+))?$/.exec(trimmed)!;
  const variable = match[1]!;
  const offset = match[2] ? (match[2] === "+" ? 1 : -1) * Number(match[3]) : 0;
  const bound = bindings.get(variable);
  if (!bound) {
    if (offset !== 0) {
      return `${variable} is used in ${variable}${match[2]}${match[3]} before it is bound: write the bare name (${variable}) where it first appears`;
    }
    const problem = freshNameProblem(variable, actual, field, at, name, naming);
    if (problem) return problem;
    bindings.set(variable, { value: actual, at, field });
    return null;
  }
  const expected = (((bound.value + offset) % 2 ** 32) + 2 ** 32) % 2 ** 32;
  if (expected === actual) return null;
  return `${name} has ${field}=${actual}${relation(actual, bindings)}, not ${claimed.trim()}=${expected}: SYN and FIN each consume one sequence number, data its length, a bare ACK none`;
}

/**
 * A new name may stand for any number the claim has not pinned down. The
 * textbook writes the passive closer's FIN as seq=w although, with no data in
 * between, w equals v: honest, since the sender could have sent data after
 * its ACK (w >= v). A new name is a false claim where the number follows from
 * one already named: the same sender's earlier sequence number, with nothing
 * it could have sent in between (no ESTABLISHED or CLOSE_WAIT, no new ISN).
 */
function freshNameProblem(variable: string, actual: number, field: "seq" | "ack", at: number, name: string, naming: Naming): string | null {
  const current = naming.sent[at - 1]!;
  const side = current.segment.from;
  if (field === "seq") {
    const anchor = determiningSegment(at - 1, naming);
    if (anchor !== null) {
      const states = statesBetween(naming.trace, side, naming.sent[anchor]!.step, current.step);
      return `${name} has seq=${actual}${relation(actual, naming.bindings)}: the new name ${variable} claims a new number, but the ${side} could send no data between ${segmentOrdinal(anchor + 1)} and this one (it was in ${states.join(", ")}), so its sequence number follows from that segment's: ${NOT_RANDOM}`;
    }
  }
  const same = [...naming.bindings.entries()].find(([, binding]) => binding.value === actual);
  if (!same) return null;
  const [sameName, binding] = same;
  if (field === "seq" && !current.network && senderWasFree(naming.trace, side, naming.sent[binding.at - 1]!.step, current.step)) return null;
  return `${name} has ${field}=${actual}, the same number as ${sameName} (${binding.field} of ${segmentOrdinal(binding.at)}): a new name claims a new number, but ${NOT_RANDOM}`;
}

/** The latest earlier segment of the same sender whose seq the claim gives and that fixes this one's, or null. */
function determiningSegment(index: number, naming: Naming): number | null {
  const current = naming.sent[index]!;
  if (current.network || hasFlag(current.segment.flags, "RST")) return null;
  for (let earlier = index - 1; earlier >= 0; earlier--) {
    const candidate = naming.sent[earlier]!;
    if (candidate.segment.from !== current.segment.from || candidate.network || hasFlag(candidate.segment.flags, "RST")) continue;
    if (senderWasFree(naming.trace, current.segment.from, candidate.step, current.step)) return null;
    if (naming.seqGiven[earlier]) return earlier;
  }
  return null;
}

/** States in which a side may send new data, or after which it picks a new ISN. */
const FREE_STATES: ReadonlySet<TcpState> = new Set(["ESTABLISHED", "CLOSE_WAIT", "CLOSED", "LISTEN"]);

/** Whether `side` passed through a state where it could have sent data (or started afresh) after step `from` and before step `to`. */
function senderWasFree(trace: Trace, side: Side, from: number, to: number): boolean {
  return statesBetween(trace, side, from, to).some((state) => FREE_STATES.has(state));
}

function statesBetween(trace: Trace, side: Side, from: number, to: number): TcpState[] {
  const states: TcpState[] = [];
  for (let step = from; step < to; step++) {
    const state = trace.steps[step]![side];
    if (states[states.length - 1] !== state) states.push(state);
  }
  return states;
}

/** " (= x+1)" when the number is close to a bound name. */
function relation(value: number, bindings: Map<string, { value: number }>): string {
  let best: { name: string; delta: number } | null = null;
  for (const [name, binding] of bindings) {
    const delta = ((((value - binding.value) % 2 ** 32) + 2 ** 32 + 2 ** 31) % 2 ** 32) - 2 ** 31;
    if (Math.abs(delta) < NEAR && (!best || Math.abs(delta) < Math.abs(best.delta))) best = { name, delta };
  }
  if (!best) return "";
  return best.delta === 0 ? ` (= ${best.name})` : ` (= ${best.name}${best.delta > 0 ? "+" : ""}${best.delta})`;
}

function checkStates(claim: z.infer<typeof statesClaim>): ClaimProblem[] {
  const run = runClaimScenario(claim);
  if ("problem" in run) return [run.problem];
  const where = describeScenario(claim);
  const problems: ClaimProblem[] = [];
  for (const side of ["client", "server"] as Side[]) {
    const claimedNames = claim.states[side];
    if (!claimedNames) continue;
    const claimed: TcpState[] = [];
    claimedNames.forEach((name, index) => {
      const state = parseState(name);
      if (!state) problems.push({ path: ["states", side, index], message: unknownState(name), invalid: true });
      else claimed.push(state);
    });
    if (claimed.length !== claimedNames.length) continue;
    const actual = stateSequence(run.trace, side);
    const mismatch = claimed.findIndex((state, index) => actual[index] !== state);
    const sequence = actual.join(" → ");
    if (mismatch >= 0) {
      const real = actual[mismatch];
      const reason = real ? enteredBecause(run.trace, side, real, mismatch) : "";
      problems.push({
        path: ["states", side, mismatch],
        message: `in ${where} the ${side} goes ${sequence}; its state ${mismatch + 1} is ${real ?? "(none: it ends before)"}, not ${claimed[mismatch]}${reason}`,
      });
    } else if (claimed.length !== actual.length) {
      problems.push({
        path: ["states", side],
        message: `in ${where} the ${side} goes ${sequence} (${actual.length} states), not ${claimed.join(" → ")}`,
      });
    }
  }
  return problems;
}

/** ": the client enters TIME_WAIT on "rcv FIN+ACK" (note)" for the mismatching state. */
function enteredBecause(trace: Trace, side: Side, state: TcpState, position: number): string {
  let seen = 0;
  let previous = trace.initial[side];
  for (const step of trace.steps) {
    if (step[side] !== previous) {
      seen++;
      previous = step[side];
      if (seen === position && step[side] === state) return `: the ${side} enters ${state} on "${step.event}" (${step.note})`;
    }
  }
  return "";
}
