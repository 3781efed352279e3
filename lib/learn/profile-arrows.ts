import type { Language } from "../i18n/language";
import { eventPhrase } from "../questions/phrases";
import type { SimEvent } from "../sim";
import { PROFILES, transition, VARIANT_CONTEXT, type Outcome, type ProfileName, type RowVariant, type TcpEvent, type TcpState } from "../tcp";
import { actionLabel, arrowLabel, eventLabel, traceEventLabel } from "./event-labels";

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
  if (arrow.event === "timeout" && arrow.from === "TIME_WAIT") return `${fixedTimeWaitLabel(lang, profile)} / ${actionLabel(outcome.sends, lang)}`;
  return arrowLabel(arrow.event, outcome.sends, lang, arrow.from);
}

/**
 * A trace event's label under a profile: as everywhere, except that TIME_WAIT's
 * timer is "2MSL" only where the profile follows RFC 9293's row (Linux fixes
 * it at TCP_TIMEWAIT_LEN, 60 s, whatever the MSL).
 */
export function profileEventLabel(event: TcpEvent | SimEvent, lang: Language, state: TcpState | undefined, profile: ProfileName): string {
  if (event === "timeout" && state === "TIME_WAIT" && departsFromRfc({ from: state, event }, profile)) return fixedTimeWaitLabel(lang, profile);
  return traceEventLabel(event, lang, state);
}

/**
 * What an event means in a state, under a profile: the phrase the questions
 * use, except that Linux's TIME_WAIT timer is its fixed length, not 2MSL.
 */
export function profileEventPhrase(event: TcpEvent, lang: Language, state: TcpState, profile: ProfileName): string {
  if (event === "timeout" && state === "TIME_WAIT" && departsFromRfc({ from: state, event }, profile)) {
    const seconds = PROFILES[profile].timers.timeWait / 1000;
    return lang === "zh" ? `TIME_WAIT 定时器（固定 ${seconds} 秒）到期` : `the TIME_WAIT timer (a fixed ${seconds} s) expires`;
  }
  return eventPhrase(event, state)[lang];
}

/** "60 s timeout" / "60 秒超时". */
function fixedTimeWaitLabel(lang: Language, profile: ProfileName): string {
  const seconds = PROFILES[profile].timers.timeWait / 1000;
  return lang === "zh" ? `${seconds} 秒超时` : `${seconds} s timeout`;
}
