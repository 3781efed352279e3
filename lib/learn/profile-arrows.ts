import type { Language } from "../i18n/language";
import { PROFILES, transition, VARIANT_CONTEXT, type Outcome, type ProfileName, type RowVariant, type TcpEvent, type TcpState } from "../tcp";
import { actionLabel, arrowLabel, eventLabel } from "./event-labels";

/*
 * How the arrows of RFC 9293 Figure 5 read under a profile. The diagram keeps
 * the figure's arrows and places; under Linux an arrow whose row Linux takes
 * from its own source (the row cites the kernel) is marked and relabelled
 * with what Linux does: `active open ✕ EISCONN` where the call fails, the
 * TIME_WAIT timer's real length.
 */

/** One transition to look up: a row, and which case of it. */
export interface RowCase {
  from: TcpState;
  event: TcpEvent;
  variant?: RowVariant;
}

/** The outcome of a row's case under a profile. */
export function profileOutcome(row: RowCase, profile: ProfileName): Outcome {
  return transition(row.from, row.event, row.variant ? VARIANT_CONTEXT[row.variant] : {}, PROFILES[profile].machine);
}

/** True when the profile takes this row from its own source rather than RFC 9293 (a Linux row cites the kernel). */
export function departsFromRfc(row: RowCase, profile: ProfileName): boolean {
  return profileOutcome(row, profile).kernel !== undefined;
}

/** An arrow's label under a profile: "event / action", or what the profile does instead. */
export function profileArrowLabel(arrow: Pick<Outcome, "from" | "event" | "sends">, lang: Language, profile: ProfileName): string {
  const outcome = profileOutcome(arrow, profile);
  if (outcome.kernel === undefined) return arrowLabel(arrow.event, arrow.sends, lang, arrow.from);
  if (outcome.kind === "error") return `${eventLabel(arrow.event, lang, arrow.from)} ✕ ${outcome.error ?? ""}`.trim();
  if (arrow.event === "timeout" && arrow.from === "TIME_WAIT") {
    const seconds = PROFILES[profile].timers.timeWait / 1000;
    const timer = lang === "zh" ? `${seconds} 秒超时` : `${seconds} s timeout`;
    return `${timer} / ${actionLabel(outcome.sends, lang)}`;
  }
  return arrowLabel(arrow.event, outcome.sends, lang, arrow.from);
}
