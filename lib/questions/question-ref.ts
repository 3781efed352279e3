import { z } from "zod";
import type { Quiz } from "../content";
import { PROFILE_NAMES } from "../tcp";
import type { QuestionContext } from "./context";
import { questionFromQuiz } from "./from-quiz";
import { generateQuestion } from "./generate";
import { QUESTION_KINDS, type Question } from "./question";

/**
 * How a session remembers its questions: a generated one by kind, seed and
 * profile (RFC 9293 when absent; it regenerates identically), an
 * instructor's by quiz and question id.
 */
export const questionRefSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("generated"),
    kind: z.enum(QUESTION_KINDS),
    seed: z.number().int().min(0).max(4294967295),
    profile: z.enum(PROFILE_NAMES).optional(),
  }),
  z.strictObject({ source: z.literal("quiz"), quizId: z.string(), questionId: z.string() }),
]);
export type QuestionRef = z.infer<typeof questionRefSchema>;

/** The question a reference names, or null when its quiz or question is gone from content. */
export function resolveQuestion(ref: QuestionRef, context: QuestionContext, quizzes: readonly Pick<Quiz, "id" | "topics" | "questions">[]): Question | null {
  if (ref.source === "generated") return generateQuestion(ref.kind, ref.seed, context, ref.profile);
  const quiz = quizzes.find((candidate) => candidate.id === ref.quizId);
  const item = quiz?.questions.find((question) => question.id === ref.questionId);
  return quiz && item ? questionFromQuiz(quiz, item) : null;
}
