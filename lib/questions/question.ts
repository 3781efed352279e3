import type { BilingualText, SlotKind } from "../content";
import type { ProfileName } from "../tcp";

export const QUESTION_KINDS = [
  "next-state",
  "segment",
  "sends",
  "order",
  "match",
  "which-side",
  "what-if",
  "true-false",
  "trace-gap",
  "why",
  "seq-arith",
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

// A quiz file's generated slots name kinds from lib/content's copy of this list: the two must stay equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const slotKindsMatch: Same<QuestionKind, SlotKind> = true;
void slotKindsMatch;

/** What a served question can be: a generated kind, an instructor's plain multiple choice, or one drawn from a replayed capture. */
export type ServedKind = QuestionKind | "choice" | "capture";

/** A choice shown to the learner; `id` is what an answer names. */
export interface Choice {
  id: string;
  label: BilingualText;
}

/** The answer shapes, by what the learner enters. */
export interface SegmentAnswer {
  flags: string;
  seq: number;
  ack: number | null;
}

export interface MatchAnswer {
  /** Left item id → right item id. */
  pairs: Record<string, string>;
}

/**
 * A generated question: everything needed to show it, check it and explain
 * it, as plain data. `tests` names the machine's transitions it exercises
 * (`STATE|event`) and the scenarios it runs (`scenario:name`).
 */
export interface Question {
  id: string;
  kind: ServedKind;
  seed: number;
  /** The profile whose machine answers it; the prompt names it where the answer would differ in another. */
  profile: ProfileName;
  params: Record<string, unknown>;
  prompt: BilingualText;
  /** How the answer is entered. */
  input: "choice" | "state" | "segment" | "number" | "order" | "match" | "self-grade" | "flags";
  choices: Choice[] | null;
  /** For `match`: the right-hand items. */
  matchTargets?: Choice[];
  answer: unknown;
  explanation: BilingualText;
  tests: string[];
  /** For `why`: the key points to grade against. */
  keyPoints?: { zh: string[]; en: string[] };
  /** The scenario trace to draw after answering, when there is one. */
  trace?: {
    scenario: string;
    lose: number[];
    /** Extra delay by segment number, for a question about a reordered segment. */
    delay?: Record<number, number>;
    isn: { client: number; server: number };
    /** The profile to run it in; RFC 9293 when absent. */
    profile?: ProfileName;
    blank?: TraceBlank;
  };
  /** Topics for quizzes and weak-spot review. */
  topics: string[];
}

export type TraceBlank = { kind: "state"; step: number; side: "client" | "server" } | { kind: "segment"; n: number };

export function transitionKey(state: string, event: string): string {
  return `${state}|${event}`;
}
