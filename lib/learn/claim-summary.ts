import { parseDocument } from "yaml";
import { checkClaim, claimShape } from "../content";
import type { Language } from "../i18n/language";
import { parseEvent, parseFlags, parseState } from "../tcp";
import { eventLabel, sendsClause } from "./event-labels";

/*
 * What a ```claim block in a note shows: a one-line summary in the reader's
 * language and a "checked by the machine" badge, or the block as code when it
 * does not parse or the machine does not confirm it (content:check keeps such
 * notes out of the app, so that case is a fallback, not a path).
 */

export type ClaimBlock =
  | {
      kind: "checked";
      summary: string;
      /** For scenario claims, what to open in the scenario player. */
      scenario?: { name: string; lose: number[] };
    }
  | { kind: "code" };

export function describeClaimBlock(source: string, lang: Language): ClaimBlock {
  const claim = parseClaimSource(source);
  if (claim === undefined) return { kind: "code" };
  const summary = summarizeClaim(claim, lang);
  if (summary === null || checkClaim(claim).length > 0) return { kind: "code" };
  const scenario = scenarioOf(claim);
  return scenario ? { kind: "checked", summary, scenario } : { kind: "checked", summary };
}

/** The claim's YAML as data, or undefined when it is not valid YAML. */
export function parseClaimSource(source: string): unknown {
  try {
    const document = parseDocument(source);
    if (document.errors.length > 0) return undefined;
    return document.toJS() as unknown;
  } catch {
    return undefined;
  }
}

/**
 * "FIN_WAIT_1 + rcv FIN → CLOSING, sends ACK", "open: SYN, SYN+ACK, ACK" or
 * "simultaneous-close — client: ESTABLISHED → FIN_WAIT_1 → …", or null when
 * the value is not a claim of any shape.
 */
export function summarizeClaim(claim: unknown, lang: Language): string | null {
  if (!isRecord(claim)) return null;
  switch (claimShape(claim)) {
    case "transition":
      return summarizeTransition(claim, lang);
    case "segments":
      return summarizeSegments(claim, lang);
    case "states":
      return summarizeStates(claim, lang);
    default:
      return null;
  }
}

function summarizeTransition(claim: Record<string, unknown>, lang: Language): string | null {
  const { in: from, on, then, sends } = claim;
  if (typeof from !== "string" || typeof on !== "string" || typeof then !== "string") return null;
  const state = parseState(from);
  const event = parseEvent(on);
  const eventText = event ? eventLabel(event, lang, state ?? undefined) : on;
  const head = `${state ?? from} + ${eventText} → ${parseState(then) ?? then}`;
  if (sends === undefined) return head;
  if (sends === null || (typeof sends === "string" && isNothing(sends))) return head + sendsClause(null, lang);
  if (typeof sends !== "string") return null;
  return head + sendsClause(parseFlags(sends) ?? sends, lang);
}

function summarizeSegments(claim: Record<string, unknown>, lang: Language): string | null {
  const scenario = scenarioOf(claim);
  if (!scenario || !Array.isArray(claim.segments)) return null;
  const flags = claim.segments.map((entry) => {
    const written = isRecord(entry) && typeof entry.flags === "string" ? entry.flags : null;
    return written === null ? "…" : (parseFlags(written) ?? written);
  });
  const separator = lang === "zh" ? "、" : ", ";
  const colon = lang === "zh" ? "：" : ": ";
  return `${scenarioHead(scenario, lang)}${colon}${flags.join(separator)}`;
}

function summarizeStates(claim: Record<string, unknown>, lang: Language): string | null {
  const scenario = scenarioOf(claim);
  if (!scenario || !isRecord(claim.states)) return null;
  const sides = (["client", "server"] as const).flatMap((side) => {
    const states = claim.states && isRecord(claim.states) ? claim.states[side] : undefined;
    if (states === undefined) return [];
    if (!Array.isArray(states)) return [null];
    const names = states.map((state) => (typeof state === "string" ? (parseState(state) ?? state) : String(state)));
    return [`${SIDE_LABELS[side][lang]}${lang === "zh" ? "：" : ": "}${names.join(" → ")}`];
  });
  if (sides.length === 0 || sides.includes(null)) return null;
  return `${scenarioHead(scenario, lang)} — ${sides.join(lang === "zh" ? "；" : "; ")}`;
}

const SIDE_LABELS = { client: { zh: "客户端", en: "client" }, server: { zh: "服务器", en: "server" } } as const;

/** "close-client-first (segment 2 lost)" / "close-client-first（第 2 个报文段丢失）". */
function scenarioHead(scenario: { name: string; lose: number[] }, lang: Language): string {
  if (scenario.lose.length === 0) return scenario.name;
  const numbers = scenario.lose.join(lang === "zh" ? "、" : ", ");
  if (lang === "zh") return `${scenario.name}（第 ${numbers} 个报文段丢失）`;
  return `${scenario.name} (segment${scenario.lose.length > 1 ? "s" : ""} ${numbers} lost)`;
}

function scenarioOf(claim: unknown): { name: string; lose: number[] } | undefined {
  if (!isRecord(claim) || typeof claim.scenario !== "string") return undefined;
  const lose = Array.isArray(claim.lose) ? claim.lose.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
  return { name: claim.scenario, lose };
}

function isNothing(text: string): boolean {
  return ["nothing", "none", "-", "无"].includes(text.trim().toLowerCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
