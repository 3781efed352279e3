import type { GeneratedSlot, QuizFile } from "../content";
import { availableKinds, generateQuestion, questionFromQuiz, Random, seedFrom, type Question, type QuestionContext } from "../questions";
import { exportItem, type ExportItem } from "./export-item";

/** Draws per slot question before giving up on the slot's topics and taking the last one drawn. */
const TOPIC_TRIES = 40;

/** The seed an export uses when none is given: the quiz's own fixed seed, else one derived from its id. */
export function defaultSeed(quiz: Pick<QuizFile, "id" | "settings">): number {
  const fixed = quiz.settings?.seed;
  return typeof fixed === "number" ? fixed : seedFrom(quiz.id);
}

function slotQuestions(quiz: QuizFile, slot: GeneratedSlot, index: number, seed: number, context: QuestionContext): Question[] {
  const kinds = slot.kinds ?? availableKinds(context);
  const random = new Random(seedFrom(`${seed}/${quiz.id}/${index}`));
  const order = random.shuffle(kinds);
  return Array.from({ length: slot.count }, (_, n) => {
    const kind = order[n % order.length]!;
    let question = generateQuestion(kind, random.uint32(), context, slot.profile);
    for (let tries = 1; slot.topics && tries < TOPIC_TRIES && !question.topics.some((topic) => slot.topics!.includes(topic as never)); tries++) {
      question = generateQuestion(kind, random.uint32(), context, slot.profile);
    }
    return question;
  });
}

/**
 * A quiz's questions as they would be exported: the fixed ones in order,
 * then each generated slot expanded with `seed` (the same seed gives the
 * same questions).
 */
export function expandQuiz(quiz: QuizFile, context: QuestionContext, seed: number = defaultSeed(quiz)): ExportItem[] {
  const fixed = quiz.questions.map((item) => exportItem(questionFromQuiz(quiz, item), item.id, item));
  const generated = quiz.generated.flatMap((slot, index) =>
    slotQuestions(quiz, slot, index, seed, context).map((question, n) => exportItem(question, `generated-${index + 1}-${n + 1}-${question.kind}`)),
  );
  return [...fixed, ...generated];
}
