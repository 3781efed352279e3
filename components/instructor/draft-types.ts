/*
 * The draft as the editor holds it: a quiz file's shape, loosely typed,
 * because a draft being typed is often not yet valid; the server's check
 * says what is wrong, field by field.
 */

export type Text = { zh: string; en: string };

export interface DraftQuestion {
  id: string;
  type: string;
  prompt: Text;
  explanation?: Text;
  state?: string;
  event?: string;
  scenario?: string;
  side?: string;
  lose?: number[];
  choices?: Text[];
  claims?: unknown[];
  claim?: unknown;
  keyPoints?: { zh: string[]; en: string[] };
  answer?: unknown;
  [key: string]: unknown;
}

export interface DraftSlot {
  count: number;
  kinds?: string[];
  topics?: string[];
  profile?: string;
}

/** A slot of questions from one connection of a capture ("sample:<file>" or "upload:<id>"). */
export interface DraftCaptureSlot {
  capture: string;
  connection?: number;
  count: number;
  profile?: string;
}

/** A capture the editor can pick, with its TCP connections (from the server's replay). */
export interface CaptureChoice {
  capture: string;
  name: string;
  connections: { connection: number; client: string; server: string; segments: number }[];
}

export interface DraftSettings {
  seed?: "per-student" | number;
  shuffle?: boolean;
  timeLimitMinutes?: number;
  attempts?: number;
  feedback?: string;
  opens?: string;
  closes?: string;
}

export interface Draft {
  id: string;
  title: Text;
  description?: Text;
  settings?: DraftSettings;
  questions: DraftQuestion[];
  generated: DraftSlot[];
  captures?: DraftCaptureSlot[];
  [key: string]: unknown;
}

/** Problems by field path ("questions.0.answer"). */
export type ProblemMap = Map<string, string[]>;

const blank = (): Text => ({ zh: "", en: "" });

/** A new question of `type`, keeping what every type shares (id, prompt, explanation). */
export function questionOfType(type: string, from: Pick<DraftQuestion, "id" | "prompt" | "explanation">): DraftQuestion {
  const base: DraftQuestion = { id: from.id, type, prompt: from.prompt, ...(from.explanation ? { explanation: from.explanation } : {}) };
  switch (type) {
    case "next-state":
      return { ...base, state: "ESTABLISHED", event: "rcv FIN", answer: "" };
    case "sends":
      return { ...base, state: "ESTABLISHED", event: "close", answer: "" };
    case "states":
      return { ...base, scenario: "", side: "client", answer: [] };
    case "choice":
      return { ...base, choices: [blank(), blank()], answer: 0 };
    case "true-false":
      return { ...base, answer: true };
    default:
      return { ...base, keyPoints: { zh: [], en: [] } };
  }
}

export function newQuestion(questions: readonly DraftQuestion[]): DraftQuestion {
  const used = new Set(questions.map((question) => question.id));
  let n = questions.length + 1;
  while (used.has(`q${n}`)) n++;
  return questionOfType("next-state", { id: `q${n}`, prompt: blank() });
}

/** The draft from what the server stored, with the lists the editor works on always present. */
export function toDraft(definition: Record<string, unknown>): Draft {
  const draft = definition as Partial<Draft>;
  return {
    ...definition,
    id: typeof draft.id === "string" ? draft.id : "",
    title: { zh: draft.title?.zh ?? "", en: draft.title?.en ?? "" },
    ...(draft.description ? { description: draft.description } : {}),
    questions: Array.isArray(draft.questions) ? draft.questions : [],
    generated: Array.isArray(draft.generated) ? draft.generated : [],
  } as Draft;
}

/** datetime-local's "2026-12-01T09:00" in this browser's zone → "2026-12-01T09:00:00+08:00". */
export function localToIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return undefined;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  const seconds = local.length === 16 ? `${local}:00` : local;
  return `${seconds}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** An ISO date-time with offset → datetime-local's value in this browser's zone. */
export function isoToLocal(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
