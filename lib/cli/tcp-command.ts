import { parseArgs } from "node:util";
import { z } from "zod";
import {
  allOutcomes,
  DEFAULT_PROFILE,
  findProfile,
  PROFILE_NAMES,
  rowVariants,
  parseEvent,
  parseState,
  TCP_EVENTS,
  TCP_STATES,
  type Outcome,
  type Profile,
  type RowVariant,
} from "../tcp";
import { renderSequenceDiagram, runScenario, SCENARIOS, SCENARIO_NAMES } from "../sim";
import { DEFAULT_CAPTURE_PROFILE } from "../capture/replay-capture";
import { captureCommand, CaptureFileError } from "./capture-command";
import { type CommandIo, type CommandResult, UsageError } from "./run-cli";

const USAGE = `usage: npm run -s tcp -- <command>
  table [--profile P] [--json]                   every state × event outcome
  step <STATE> "<event>" [--profile P] [--json]  one outcome (each case, where the row has more than one)
  scenarios                                      the named scenarios
  scenario <name> [--profile P] [--lose N]... [--delay N:MS]... [--isn-client N] [--isn-server N] [--backlog N] [--json]
  capture FILE [--profile P] [--connection N] [--json]   a pcap or pcapng file replayed (profile ${DEFAULT_CAPTURE_PROFILE} unless given)
profiles (P): ${PROFILE_NAMES.join(", ")} (default ${DEFAULT_PROFILE})`;

const COMMANDS = ["table", "step", "scenarios", "scenario", "capture", "help"] as const;

const sequenceNumber = (flag: string) =>
  z.coerce
    .number({ message: `${flag} must be a number` })
    .int(`${flag} must be a whole number`)
    .min(0, `${flag} must be between 0 and 4294967295`)
    .max(4294967295, `${flag} must be between 0 and 4294967295`);

const segmentNumber = z.coerce.number({ message: "--lose takes a segment number" }).int("--lose takes a whole number").min(1, "--lose counts segments from 1");

/** listen()'s backlog for the server's accept queue (Linux caps it at net.core.somaxconn, 4096 by default). */
const backlogSize = z.coerce.number({ message: "--backlog takes a number" }).int("--backlog takes a whole number").min(0, "--backlog is at least 0").max(65535, "--backlog is at most 65535");

const connectionNumber = z.coerce.number({ message: "--connection takes a connection number" }).int("--connection takes a whole number").min(1, "--connection counts connections from 1");

const delaySpec = z
  .string()
  .regex(/^\d+:\d+$/, "--delay takes N:MS, a segment number and extra milliseconds, such as 2:300")
  .transform((value) => value.split(":").map(Number) as [number, number])
  .refine(([n]) => n >= 1, "--delay counts segments from 1");

/** Which case of a row each outcome is, in words: the plain row first, then its variant. */
const CASE_LABELS: Record<RowVariant, { plain: string; variant: string }> = {
  "active open": { plain: "after a passive open (from LISTEN)", variant: "after a simultaneous open (from SYN_SENT)" },
  "newer SYN": { plain: "a SYN at or below RCV.NXT", variant: "a SYN above RCV.NXT (or with a newer timestamp)" },
};

function caseLabel(outcome: Outcome, variantOfRow: RowVariant): string {
  return outcome.variant ? CASE_LABELS[outcome.variant].variant : CASE_LABELS[variantOfRow].plain;
}

/**
 * The JSON shape of an outcome for outside tools. The default profile keeps
 * the shape it always had; a row with more than one case adds `cases`, and
 * an explicit profile adds `profile` (and `kernel` where Linux departs from the RFC).
 */
function outcomeJson(outcome: Outcome, profile: Profile, explicitProfile: boolean) {
  const json: Record<string, unknown> = { from: outcome.from, event: outcome.event, to: outcome.to, sends: outcome.sends, note: outcome.note, rfc: outcome.rfc, kind: outcome.kind };
  if (explicitProfile) json.profile = profile.name;
  if (outcome.kernel) json.kernel = outcome.kernel;
  const cases = casesOf(outcome, profile);
  if (cases.length > 1) {
    json.cases = cases.map(({ when, outcome: c }) => ({ when, to: c.to, sends: c.sends, note: c.note, rfc: c.rfc, ...(c.error ? { error: c.error } : {}), ...(c.kernel ? { kernel: c.kernel } : {}) }));
  }
  return json;
}

function casesOf(outcome: Outcome, profile: Profile): { when: string; outcome: Outcome }[] {
  const cases = rowVariants(outcome.from, outcome.event, profile.machine);
  if (cases.length < 2) return [];
  const variant = cases[1]!.outcome.variant!;
  return cases.map(({ outcome: c }) => ({ when: caseLabel(c, variant), outcome: c }));
}

function formatOutcome(outcome: Outcome, profile: Profile): string {
  const cases = casesOf(outcome, profile);
  if (cases.length > 1) {
    return [`${outcome.from} + ${outcome.event}, in ${cases.length} cases:`, ...cases.map(({ when, outcome: c }) => `  ${when}: ${formatOne(c)}`.replace(/\n  /, "\n    "))].join("\n");
  }
  return formatOne(outcome);
}

function formatOne(outcome: Outcome): string {
  const sends = outcome.sends ?? "nothing";
  const source = outcome.kernel ? `RFC 9293 §${outcome.rfc}; Linux ${outcome.kernel}` : `RFC 9293 §${outcome.rfc}`;
  const error = outcome.error ? `, error ${outcome.error}` : "";
  return `${outcome.from} + ${outcome.event} → ${outcome.to}, sends ${sends}${error}  [${outcome.kind}, ${source}]\n  ${outcome.note}`;
}

const OPTIONS = {
  json: { type: "boolean" },
  profile: { type: "string" },
  lose: { type: "string", multiple: true },
  delay: { type: "string", multiple: true },
  "isn-client": { type: "string" },
  "isn-server": { type: "string" },
  backlog: { type: "string" },
  connection: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    const flag = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    const valid = Object.keys(OPTIONS).map((name) => `--${name}`).join(", ");
    if (flag && (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new UsageError(`unknown flag ${flag}; valid: ${valid}`);
    }
    if (flag) throw new UsageError(`flag ${flag.split(" ")[0]} needs a value`);
    throw new UsageError((error as Error).message);
  }
}

function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(result.error.issues[0]?.message ?? "invalid value");
  return result.data;
}

export function tcpCommand(argv: string[], io: CommandIo): CommandResult {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help || command === "help" || command === undefined) return USAGE;
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}"; valid: ${COMMANDS.join(", ")}`);
  }
  const allowed: Record<string, string[]> = {
    table: ["json", "profile"],
    step: ["json", "profile"],
    scenarios: [],
    scenario: ["json", "profile", "lose", "delay", "isn-client", "isn-server", "backlog"],
    capture: ["json", "profile", "connection"],
  };
  const profile = findProfile(values.profile ?? DEFAULT_PROFILE);
  if (!profile) throw new UsageError(`unknown profile "${values.profile}"; valid: ${PROFILE_NAMES.join(", ")}`);
  const explicitProfile = values.profile !== undefined;
  for (const flag of Object.keys(values)) {
    if (!allowed[command]?.includes(flag)) {
      throw new UsageError(`--${flag} does not apply to "${command}"; valid: ${allowed[command]?.map((f) => `--${f}`).join(", ") || "none"}`);
    }
  }

  switch (command) {
    case "table": {
      expectArguments(command, rest, 0);
      const outcomes = allOutcomes(profile.machine);
      return values.json
        ? JSON.stringify(outcomes.map((outcome) => outcomeJson(outcome, profile, explicitProfile)), null, 2)
        : outcomes.map((outcome) => formatOutcome(outcome, profile)).join("\n");
    }
    case "step": {
      expectArguments(command, rest, 2);
      const state = parseState(rest[0]!);
      if (!state) throw new UsageError(`unknown state "${rest[0]}"; valid: ${TCP_STATES.join(", ")}`);
      const event = parseEvent(rest[1]!);
      if (!event) throw new UsageError(`unknown event "${rest[1]}"; valid: ${TCP_EVENTS.join(", ")}`);
      const outcome = rowVariants(state, event, profile.machine)[0]!.outcome;
      return values.json ? JSON.stringify(outcomeJson(outcome, profile, explicitProfile), null, 2) : formatOutcome(outcome, profile);
    }
    case "scenarios": {
      expectArguments(command, rest, 0);
      const width = Math.max(...SCENARIO_NAMES.map((name) => name.length));
      return SCENARIOS.map((scenario) => `${scenario.name.padEnd(width)}  ${scenario.description.en}`).join("\n");
    }
    case "scenario": {
      expectArguments(command, rest, 1);
      const name = rest[0]!;
      if (!SCENARIO_NAMES.includes(name)) throw new UsageError(`unknown scenario "${name}"; valid: ${SCENARIO_NAMES.join(", ")}`);
      const isnClient = values["isn-client"] === undefined ? undefined : checked(sequenceNumber("--isn-client"), values["isn-client"]);
      const isnServer = values["isn-server"] === undefined ? undefined : checked(sequenceNumber("--isn-server"), values["isn-server"]);
      const lose = (values.lose ?? []).map((value) => checked(segmentNumber, value));
      const delay = Object.fromEntries((values.delay ?? []).map((value) => checked(delaySpec, value)));
      const backlog = values.backlog === undefined ? undefined : checked(backlogSize, values.backlog);
      const trace = runScenario(name, {
        lose,
        delay,
        isn: { client: isnClient, server: isnServer },
        profile: profile.name,
        ...(backlog === undefined ? {} : { acceptQueue: { backlog } }),
      });
      return values.json ? JSON.stringify(trace, null, 2) : renderSequenceDiagram(trace);
    }
    case "capture": {
      expectArguments(command, rest, 1);
      const connection = values.connection === undefined ? undefined : checked(connectionNumber, values.connection);
      try {
        return captureCommand(rest[0]!, { profile: explicitProfile ? profile.name : DEFAULT_CAPTURE_PROFILE, connection, json: values.json ?? false });
      } catch (error) {
        if (!(error instanceof CaptureFileError)) throw error;
        // Bad data, not bad usage: one line, exit 1.
        io.warn(`tcp: ${error.message.split("\n")[0]}`);
        return { output: "", exitCode: 1 };
      }
    }
    default:
      return USAGE;
  }
}

function expectArguments(command: string, rest: string[], count: number): void {
  if (rest.length !== count) {
    const shapes: Record<string, string> = {
      table: "table [--profile P] [--json]",
      step: 'step <STATE> "<event>" [--profile P] [--json]',
      scenarios: "scenarios",
      scenario: "scenario <name> [--profile P] [--lose N]... [--isn-client N --isn-server N] [--json]",
      capture: "capture FILE [--profile P] [--connection N] [--json]",
    };
    throw new UsageError(`"${command}" takes ${count === 0 ? "no arguments" : `${count} argument${count > 1 ? "s" : ""}`}: ${shapes[command]}`);
  }
}
