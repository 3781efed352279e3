import { DEFAULT_CAPTURE_PROFILE } from "../capture/replay-capture";
import type { CaptureSlot, GeneratedSlot, QuizFile } from "../content";
import { DEFAULT_PROFILE } from "../tcp";
import { captureRefQuestion } from "./capture-source";
import type { QuestionContext } from "./context";
import { availableKinds, generateQuestion } from "./generate";
import type { QuestionRef } from "./question-ref";
import { Random, seedFrom } from "./random";

/*
 * Which questions one attempt at a quiz holds: its fixed questions, each
 * generated slot filled from the attempt's seed, in written order or
 * shuffled, then each capture slot filled from its connection's replay. The same quiz and seed always give the same attempt, so a
 * preview for a seed is exactly what a student with that seed gets, and an
 * attempt is stored as references that regenerate it.
 */

export interface QuizPlan {
  refs: QuestionRef[];
  /**
   * Slots that could not be filled: fewer distinct questions of their kinds
   * have their topics, or the capture's connection offers fewer (none when
   * the context lacks the capture). `field`: the list the slot is in.
   */
  shortfalls: { field: "generated" | "captures"; slot: number; wanted: number; got: number }[];
}

type PlannedQuiz = Pick<QuizFile, "id" | "questions" | "generated" | "settings"> & { captures?: readonly CaptureSlot[] };

/** Tries per question wanted before a slot is called short: topic filters reject most draws of some kinds. */
const DRAWS_PER_QUESTION = 40;

/**
 * The seed an attempt's questions come from: the quiz's one seed for
 * everyone (written, or derived from its id), or the attempt's own when the
 * quiz gives each student their own questions.
 */
export function quizSeed(quiz: Pick<QuizFile, "id" | "settings">, attemptSeed: number): number {
  const seed = quiz.settings?.seed;
  if (seed === "per-student") return attemptSeed >>> 0;
  if (typeof seed === "number") return seed;
  return seedFrom(`quiz:${quiz.id}`);
}

/** `refQuizId`: the id fixed questions are found under when the attempt is shown (a file quiz's id, or "version:<id>"). */
export function planQuiz(quiz: PlannedQuiz, refQuizId: string, seed: number, context: QuestionContext): QuizPlan {
  const random = new Random(seed);
  const refs: QuestionRef[] = quiz.questions.map((question) => ({ source: "quiz", quizId: refQuizId, questionId: question.id }));
  const shortfalls: QuizPlan["shortfalls"] = [];
  const seen = new Set<string>();
  quiz.generated.forEach((slot, index) => {
    const filled = fillSlot(slot, random, context, seen);
    refs.push(...filled);
    if (filled.length < slot.count) shortfalls.push({ field: "generated", slot: index, wanted: slot.count, got: filled.length });
  });
  (quiz.captures ?? []).forEach((slot, index) => {
    const filled = fillCaptureSlot(slot, random, context, seen);
    refs.push(...filled);
    if (filled.length < slot.count) shortfalls.push({ field: "captures", slot: index, wanted: slot.count, got: filled.length });
  });
  return { refs: quiz.settings?.shuffle ? random.shuffle(refs) : refs, shortfalls };
}

function fillSlot(slot: GeneratedSlot, random: Random, context: QuestionContext, seen: Set<string>): QuestionRef[] {
  const available = availableKinds(context);
  const kinds = random.shuffle((slot.kinds ?? available).filter((kind) => available.includes(kind)));
  const profile = slot.profile ?? DEFAULT_PROFILE;
  const refs: QuestionRef[] = [];
  for (let draw = 0; kinds.length > 0 && refs.length < slot.count && draw < slot.count * DRAWS_PER_QUESTION; draw++) {
    const kind = kinds[draw % kinds.length]!;
    const seed = random.uint32();
    const question = generateQuestion(kind, seed, context, profile);
    if (slot.topics && slot.topics.length > 0 && !question.topics.some((topic) => (slot.topics as string[]).includes(topic))) continue;
    // Two draws can pose the same question (few states, few scenarios): an attempt asks each once.
    const key = `${question.kind}|${question.prompt.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({ source: "generated", kind, seed, ...(profile === DEFAULT_PROFILE ? {} : { profile }) });
  }
  return refs;
}

/** `count` distinct questions from one connection of a capture; none when the context lacks the capture or the connection. */
function fillCaptureSlot(slot: CaptureSlot, random: Random, context: QuestionContext, seen: Set<string>): QuestionRef[] {
  const profile = slot.profile ?? DEFAULT_CAPTURE_PROFILE;
  const connection = slot.connection ?? 1;
  const refs: QuestionRef[] = [];
  for (let draw = 0; refs.length < slot.count && draw < slot.count * DRAWS_PER_QUESTION; draw++) {
    const seed = random.uint32();
    const question = captureRefQuestion({ capture: slot.capture, connection, seed, profile }, context);
    if (!question) break;
    const key = `${question.kind}|${question.prompt.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({ source: "capture", capture: slot.capture, connection, seed, ...(profile === DEFAULT_CAPTURE_PROFILE ? {} : { profile }) });
  }
  return refs;
}
