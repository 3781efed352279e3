import { z } from "zod";
import type { Quiz } from "../content";
import type { QuestionContext } from "./context";
import { DEFAULT_CAPTURE_PROFILE } from "../capture/replay-capture";
import { captureRefQuestion } from "./capture-source";
import { questionFromQuiz } from "./from-quiz";
import { whyCardDraft } from "./generators/content-questions";
import { generateQuestion } from "./generate";
import { DEFAULT_PROFILE, PROFILE_NAMES } from "../tcp";
import { QUESTION_KINDS, type Question } from "./question";

/**
 * How a session remembers its questions: a generated one by kind, seed and
 * profile (RFC 9293 when absent; it regenerates identically), an
 * instructor's by quiz and question id, an interview's by why card, one
 * from a capture by capture, connection, seed and profile (linux when absent).
 */
export const questionRefSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("generated"),
    kind: z.enum(QUESTION_KINDS),
    seed: z.number().int().min(0).max(4294967295),
    profile: z.enum(PROFILE_NAMES).optional(),
  }),
  z.strictObject({ source: z.literal("quiz"), quizId: z.string(), questionId: z.string() }),
  // A why card by id: its question, or the interviewer's follow-up to it.
  z.strictObject({ source: z.literal("card"), cardId: z.string().max(200), part: z.enum(["question", "follow-up"]) }),
  // A question drawn from connection `connection` (from 1) of a capture the context holds; linux profile when absent.
  z.strictObject({
    source: z.literal("capture"),
    capture: z.string().max(200),
    connection: z.number().int().min(1).max(10_000),
    seed: z.number().int().min(0).max(4294967295),
    profile: z.enum(PROFILE_NAMES).optional(),
  }),
]);
export type QuestionRef = z.infer<typeof questionRefSchema>;

/** The question a reference names, or null when its quiz or question is gone from content. */
export function resolveQuestion(ref: QuestionRef, context: QuestionContext, quizzes: readonly Pick<Quiz, "id" | "topics" | "questions">[]): Question | null {
  if (ref.source === "generated") return generateQuestion(ref.kind, ref.seed, context, ref.profile);
  if (ref.source === "card") return questionFromWhyCard(ref.cardId, ref.part, context);
  if (ref.source === "capture") return captureRefQuestion({ ...ref, profile: ref.profile ?? DEFAULT_CAPTURE_PROFILE }, context);
  const quiz = quizzes.find((candidate) => candidate.id === ref.quizId);
  const item = quiz?.questions.find((question) => question.id === ref.questionId);
  return quiz && item ? questionFromQuiz(quiz, item) : null;
}

/** A why card's question or follow-up, or null when the card (or its follow-up) is gone from content. */
function questionFromWhyCard(cardId: string, part: "question" | "follow-up", context: QuestionContext): Question | null {
  const card = context.whyCards.find((candidate) => candidate.id === cardId);
  if (!card || (part === "follow-up" && !card.followUp)) return null;
  return { id: `card:${card.id}${part === "follow-up" ? ":follow-up" : ""}`, kind: "why", seed: 0, profile: DEFAULT_PROFILE, ...whyCardDraft(card, part) };
}
