import { TCP_EVENTS, type TcpEvent } from "./events";
import type { Outcome, RowVariant, TableRow, TransitionContext } from "./outcome";
import { TCP_STATES, type TcpState } from "./states";
import { TRANSITIONS } from "./transition-table";

/**
 * A machine is a complete transition table. The reference machine is RFC 9293;
 * the counterfactual machines change a few rows to show why the RFC is as it
 * is (what goes wrong with a two-way handshake, or without TIME_WAIT).
 */
export interface Machine {
  name: string;
  description: string;
  rows: readonly TableRow[];
}

export const REFERENCE_MACHINE: Machine = {
  name: "rfc9293",
  description: "The reference machine of RFC 9293.",
  rows: TRANSITIONS,
};

/** Replace the rows of `base` that `overrides` name by (from, event); the rest are shared. */
export function withOverrides(base: Machine, name: string, description: string, overrides: TableRow[]): Machine {
  const replaced = new Map(overrides.map((row) => [key(row.from, row.event), row]));
  return { name, description, rows: base.rows.map((row) => replaced.get(key(row.from, row.event)) ?? row) };
}

function key(state: TcpState, event: TcpEvent): string {
  return `${state}|${event}`;
}

const indexes = new WeakMap<Machine, Map<string, TableRow>>();

function indexOf(machine: Machine): Map<string, TableRow> {
  let index = indexes.get(machine);
  if (!index) {
    index = new Map();
    for (const row of machine.rows) {
      const rowKey = key(row.from, row.event);
      if (index.has(rowKey)) throw new Error(`machine ${machine.name} has two rows for ${row.from} × ${row.event}`);
      index.set(rowKey, row);
    }
    indexes.set(machine, index);
  }
  return index;
}

/**
 * The outcome of `event` in `state`: the next state and what is sent, as data.
 * Pure: performing the outcome (sending, starting timers) is the simulator's job.
 */
export function transition(
  state: TcpState,
  event: TcpEvent,
  context: TransitionContext = {},
  machine: Machine = REFERENCE_MACHINE,
): Outcome {
  const found = indexOf(machine).get(key(state, event));
  if (!found) throw new Error(`machine ${machine.name} has no row for ${state} × ${event}`);
  const { whenActiveOpen, whenNewerSyn, ...row } = found;
  const outcome: Outcome = { ...row, noteKey: row.noteKey ?? key(state, event) };
  if (context.activeOpen && whenActiveOpen) return variantOf(outcome, "active open", whenActiveOpen);
  if (context.newerSyn && whenNewerSyn) return variantOf(outcome, "newer SYN", whenNewerSyn);
  return outcome;
}

function variantOf(outcome: Outcome, variant: RowVariant, changes: Partial<Outcome>): Outcome {
  return { ...outcome, error: undefined, ...changes, variant, noteKey: `${outcome.noteKey}|${variant}` };
}

/** The context that selects each variant, for readers that list every case of a row. */
export const VARIANT_CONTEXT: Readonly<Record<RowVariant, TransitionContext>> = {
  "active open": { activeOpen: true },
  "newer SYN": { newerSyn: true },
};

/**
 * Every case of one row: the plain outcome first, then one per variant the
 * row has (SYN_RECEIVED + rcv RST after a simultaneous open; TIME_WAIT + a
 * newer SYN). A question about such a row must say which case it asks about.
 */
export function rowVariants(state: TcpState, event: TcpEvent, machine: Machine = REFERENCE_MACHINE): { context: TransitionContext; outcome: Outcome }[] {
  const found = indexOf(machine).get(key(state, event));
  if (!found) throw new Error(`machine ${machine.name} has no row for ${state} × ${event}`);
  const cases: { context: TransitionContext; outcome: Outcome }[] = [{ context: {}, outcome: transition(state, event, {}, machine) }];
  if (found.whenActiveOpen) cases.push({ context: VARIANT_CONTEXT["active open"], outcome: transition(state, event, VARIANT_CONTEXT["active open"], machine) });
  if (found.whenNewerSyn) cases.push({ context: VARIANT_CONTEXT["newer SYN"], outcome: transition(state, event, VARIANT_CONTEXT["newer SYN"], machine) });
  return cases;
}

/** Every state × event pair, in table order, checked to be complete and unique. */
export function allOutcomes(machine: Machine = REFERENCE_MACHINE): Outcome[] {
  const index = indexOf(machine);
  const outcomes: Outcome[] = [];
  for (const state of TCP_STATES) {
    for (const event of TCP_EVENTS) {
      outcomes.push(transition(state, event, {}, machine));
    }
  }
  if (index.size !== outcomes.length) {
    throw new Error(`machine ${machine.name} has ${index.size} rows for ${outcomes.length} state × event pairs`);
  }
  return outcomes;
}

/** The arrows of RFC 9293 Figure 5. */
export function diagramArrows(machine: Machine = REFERENCE_MACHINE): Outcome[] {
  return allOutcomes(machine).filter((outcome) => outcome.kind === "arrow");
}
