import type { QuizFile } from "../content";
import { planQuiz, quizSeed, resolveQuestion, seedFrom, type QuestionContext } from "../questions";
import { exportItem, type ExportItem } from "./export-item";

/** The seed an export uses when none is given: the quiz's own fixed seed, else the one its students share. */
export function defaultSeed(quiz: Pick<QuizFile, "id" | "settings">): number {
  return quizSeed(quiz, seedFrom(quiz.id));
}

/**
 * A quiz's questions as they would be exported: exactly the attempt a
 * student with `seed` gets (lib/questions/quiz-plan.ts), fixed questions
 * with their source item, generated ones numbered in attempt order.
 */
export function expandQuiz(quiz: QuizFile, context: QuestionContext, seed: number = defaultSeed(quiz)): ExportItem[] {
  let generated = 0;
  return planQuiz(quiz, quiz.id, seed, context).refs.flatMap((ref) => {
    const question = resolveQuestion(ref, context, [quiz]);
    if (!question) return [];
    if (ref.source === "quiz") {
      const item = quiz.questions.find((candidate) => candidate.id === ref.questionId)!;
      return [exportItem(question, item.id, item)];
    }
    generated++;
    return [exportItem(question, `generated-${generated}-${question.kind}`)];
  });
}
