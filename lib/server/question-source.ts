import type { Quiz, QuizQuestionInput, StateInfo } from "../content";
import { resolveQuestion, type Question, type QuestionContext, type QuestionRef, type WhyCard } from "../questions";
import type { TcpState } from "../tcp";
import type { PrismaClient } from "./prisma-client";

export interface QuestionSource {
  context: QuestionContext;
  quizzes: (Pick<Quiz, "id" | "topics" | "title" | "description"> & { questions: QuizQuestionInput[] })[];
}

const cache = new Map<string, QuestionSource>();

/**
 * What the question engine needs from the database: states' meanings, why
 * cards and instructors' quizzes. Cached until the next content load.
 */
export async function loadQuestionSource(db: PrismaClient): Promise<QuestionSource> {
  // Asked on every quiz request: one short raw statement.
  const [load] = await db.$queryRaw<{ id: number | bigint; checksum: string }[]>`SELECT id, checksum FROM ContentLoad ORDER BY id DESC LIMIT 1`;
  const key = `${load?.id ?? 0}:${load?.checksum ?? ""}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const [states, why, quizzes] = await Promise.all([
    db.stateInfo.findMany(),
    db.card.findMany({ where: { active: true, kind: "why", keyPoints: { not: null } }, orderBy: [{ deckId: "asc" }, { sourceLine: "asc" }] }),
    db.quiz.findMany({ where: { active: true }, orderBy: { id: "asc" } }),
  ]);
  const source: QuestionSource = {
    context: {
      states: states.map(
        (row): StateInfo => ({ state: row.state as TcpState, name: { zh: row.nameZh, en: row.nameEn }, meaning: { zh: row.meaningZh, en: row.meaningEn } }),
      ),
      whyCards: why.map((card) => ({
        id: card.id,
        front: { zh: card.frontZh, en: card.frontEn },
        back: { zh: card.backZh, en: card.backEn },
        keyPoints: JSON.parse(card.keyPoints!) as { zh: string[]; en: string[] },
        tags: JSON.parse(card.tags) as string[],
        ...(card.followUp ? { followUp: JSON.parse(card.followUp) as NonNullable<WhyCard["followUp"]> } : {}),
      })),
    },
    quizzes: quizzes.map((quiz) => ({
      id: quiz.id,
      title: { zh: quiz.titleZh, en: quiz.titleEn },
      ...(quiz.descriptionZh && quiz.descriptionEn ? { description: { zh: quiz.descriptionZh, en: quiz.descriptionEn } } : {}),
      topics: JSON.parse(quiz.topics) as Quiz["topics"],
      questions: JSON.parse(quiz.questions) as QuizQuestionInput[],
    })),
  };
  cache.clear();
  cache.set(key, source);
  return source;
}

/** Questions kept per source: a session's questions are made when it is planned, shown, and answered; each is made once. */
const QUESTION_CACHE_SIZE = 5_000;
const questionCaches = new WeakMap<QuestionSource, Map<string, Question | null>>();

function refKey(ref: QuestionRef): string {
  if (ref.source === "generated") return `generated:${ref.kind}:${ref.seed}:${ref.profile ?? ""}`;
  if (ref.source === "quiz") return `quiz:${ref.quizId}:${ref.questionId}`;
  return `card:${ref.cardId}:${ref.part}`;
}

/**
 * The question `ref` names in this source (resolveQuestion), made once and
 * kept while the source is current, the least recently used dropped first.
 * `made`: the question, when the caller has just generated it.
 */
export function sourceQuestion(source: QuestionSource, ref: QuestionRef, made?: Question): Question | null {
  let cache = questionCaches.get(source);
  if (!cache) questionCaches.set(source, (cache = new Map()));
  const key = refKey(ref);
  const kept = cache.get(key);
  if (kept !== undefined) {
    cache.delete(key);
    cache.set(key, kept);
    return kept;
  }
  const question = made ?? resolveQuestion(ref, source.context, source.quizzes);
  cache.set(key, question);
  if (cache.size > QUESTION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return question;
}
