import type { Language } from "../i18n/language";
import { allOutcomes, DEFAULT_PROFILE, PROFILES, REFERENCE_MACHINE, rowVariants, transition, type Outcome, type ProfileName, type RowVariant, type TcpState } from "../tcp";
import { zhNoteOf } from "../tcp/notes-zh";
import { profileEventLabel, profileEventPhrase } from "./profile-arrows";

/** One case of a row, with its note in one language. */
export type StateEventCase = Pick<Outcome, "to" | "sends" | "kind" | "note" | "rfc" | "error" | "kernel">;

/** One row of the state diagram's side panel: an event in a state and its outcome, in one language. */
export interface StateEventRow extends Omit<Outcome, "from" | "variant" | "noteKey"> {
  /** "rcv FIN" / "收到 FIN". */
  label: string;
  /** "the peer's FIN arrives (it does not acknowledge our FIN)". */
  phrase: string;
  /**
   * The other cases of the row, where it depends on more than state and
   * event: SYN_RECEIVED after a simultaneous open, a newer SYN in TIME_WAIT.
   */
  variants: (StateEventCase & { variant: RowVariant })[];
  /**
   * Under a profile other than RFC 9293, a row that profile takes from its own
   * source (the row has `kernel`): what RFC 9293 does instead, to set beside it.
   */
  rfc9293?: StateEventCase;
}

/** Every event's outcome from every state under `profile`, with notes in `lang`, read from the profile's table. */
export function stateEventRows(lang: Language, profile: ProfileName = DEFAULT_PROFILE): Record<TcpState, StateEventRow[]> {
  const machine = PROFILES[profile].machine;
  const rows = {} as Record<TcpState, StateEventRow[]>;
  for (const outcome of allOutcomes(machine)) {
    const [, ...others] = rowVariants(outcome.from, outcome.event, machine);
    const row: StateEventRow = {
      event: outcome.event,
      label: profileEventLabel(outcome.event, lang, outcome.from, profile),
      phrase: profileEventPhrase(outcome.event, lang, outcome.from, profile),
      ...caseOf(outcome, lang),
      variants: others.map((other) => ({ variant: other.outcome.variant!, ...caseOf(other.outcome, lang) })),
      ...(outcome.kernel ? { rfc9293: caseOf(transition(outcome.from, outcome.event, {}, REFERENCE_MACHINE), lang) } : {}),
    };
    (rows[outcome.from] ??= []).push(row);
  }
  return rows;
}

function caseOf(outcome: Outcome, lang: Language): StateEventCase {
  return {
    to: outcome.to,
    sends: outcome.sends,
    kind: outcome.kind,
    note: lang === "zh" ? (zhNoteOf(outcome) ?? outcome.note) : outcome.note,
    rfc: outcome.rfc,
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.kernel ? { kernel: outcome.kernel } : {}),
  };
}
