import type { Language } from "../i18n/language";
import { PROFILES, rowVariants, TCP_EVENTS, type Machine, type TcpEvent, type TcpState } from "../tcp";
import { zhNoteOf } from "../tcp/notes-zh";
import type { Trace, TraceStep } from "../sim";
import { eventLabel, sendsClause } from "./event-labels";
import { simulatorNoteZh } from "./simulator-notes-zh";

/*
 * The note of one step of a simulator trace in the reader's language. The
 * simulator writes its notes in English; where a note is the machine's own
 * (a row of the transition table of the trace's profile, any case of it) the
 * Chinese comes from lib/tcp/notes-zh.ts, and the simulator's few notes of its
 * own are rendered here. A note this file does not know falls back to a
 * sentence built from the step's data.
 */

export function stepNote(trace: Trace, index: number, lang: Language): string {
  const step = trace.steps[index];
  if (!step) return "";
  if (lang === "en") return step.note;
  return zhNote(trace, index, step);
}

/** Each side's state before step `index`. */
export function statesBefore(trace: Trace, index: number): { client: TcpState; server: TcpState } {
  const previous = trace.steps[index - 1];
  return previous ? { client: previous.client, server: previous.server } : { ...trace.initial };
}

function zhNote(trace: Trace, index: number, step: TraceStep): string {
  if (step.noteZh) return step.noteZh;
  if (step.at !== "network" && isTcpEvent(step.event)) {
    const from = statesBefore(trace, index)[step.at];
    return tableNoteZh(trace, from, step.event, step.note) ?? simulatorNoteZh(step) ?? builtNoteZh(trace, step, from, step.event);
  }
  return simulatorNoteZh(step) ?? step.note;
}

/** What the simulator appends to a close() row's note when the application called shutdown(SHUT_WR) instead. */
const SHUTDOWN = " (The application called shutdown(SHUT_WR), so it still reads.)";

/**
 * The table's Chinese note when the step's note is one of the row's own (the
 * plain case or a variant: a simultaneous open, a newer SYN), in the machine
 * of the trace's profile. A counterfactual machine's rows match nothing here.
 */
function tableNoteZh(trace: Trace, from: TcpState, event: TcpEvent, note: string): string | undefined {
  const shutdown = note.endsWith(SHUTDOWN);
  const own = shutdown ? note.slice(0, -SHUTDOWN.length) : note;
  const found = rowVariants(from, event, profileMachine(trace)).find((candidate) => candidate.outcome.note === own);
  const zh = found ? zhNoteOf(found.outcome) : undefined;
  if (zh === undefined) return undefined;
  return shutdown ? `${zh}（应用程序调用的是 shutdown(SHUT_WR)，不是 close()，所以仍会读取数据。）` : zh;
}

function profileMachine(trace: Trace): Machine {
  return PROFILES[trace.profile].machine;
}

/** A sentence from the data alone, for notes of a counterfactual machine. */
function builtNoteZh(trace: Trace, step: TraceStep, from: TcpState, event: TcpEvent): string {
  const side = step.at === "client" ? "客户端" : "服务器";
  const to = step.at === "client" ? step.client : step.server;
  const move = to === from ? `停留在 ${to}` : `进入 ${to}`;
  const prefix = trace.machine === profileMachine(trace).name ? "" : "假想的机器：";
  return `${prefix}${side}在 ${from} ${eventLabel(event, "zh", from)}，${move}${sendsClause(step.segment?.flags ?? null, "zh")}。`;
}

function isTcpEvent(event: string): event is TcpEvent {
  return (TCP_EVENTS as readonly string[]).includes(event);
}
