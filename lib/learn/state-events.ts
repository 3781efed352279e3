import type { Language } from "../i18n/language";
import { eventPhrase } from "../questions/phrases";
import { allOutcomes, TRANSITIONS, type Flags, type Outcome, type TcpState } from "../tcp";
import { NOTES_ZH, NOTES_ZH_ACTIVE_OPEN } from "../tcp/notes-zh";
import { eventLabel } from "./event-labels";

/** One row of the state diagram's side panel: an event in a state and its outcome, in one language. */
export interface StateEventRow extends Omit<Outcome, "from"> {
  /** "rcv FIN" / "收到 FIN". */
  label: string;
  /** "the peer's FIN arrives (it does not acknowledge our FIN)". */
  phrase: string;
  /** Where the row differs after an active open (SYN_RECEIVED on a reset). */
  activeOpen?: { to: TcpState; sends: Flags | null; note: string };
}

/** Every event's outcome from every state, with notes in `lang`, read from the transition table. */
export function stateEventRows(lang: Language): Record<TcpState, StateEventRow[]> {
  const rows = {} as Record<TcpState, StateEventRow[]>;
  for (const outcome of allOutcomes()) {
    const key = `${outcome.from}|${outcome.event}`;
    const variant = TRANSITIONS.find((row) => row.from === outcome.from && row.event === outcome.event)?.whenActiveOpen;
    const row: StateEventRow = {
      event: outcome.event,
      label: eventLabel(outcome.event, lang, outcome.from),
      phrase: eventPhrase(outcome.event, outcome.from)[lang],
      to: outcome.to,
      sends: outcome.sends,
      kind: outcome.kind,
      note: lang === "zh" ? (NOTES_ZH[key] ?? outcome.note) : outcome.note,
      rfc: outcome.rfc,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(variant
        ? { activeOpen: { to: variant.to, sends: variant.sends, note: lang === "zh" ? (NOTES_ZH_ACTIVE_OPEN[key] ?? variant.note) : variant.note } }
        : {}),
    };
    (rows[outcome.from] ??= []).push(row);
  }
  return rows;
}
