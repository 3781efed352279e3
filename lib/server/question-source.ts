import type { Quiz, QuizQuestionInput, StateInfo } from "../content";
import type { QuestionContext, WhyCard } from "../questions";
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
  const load = await db.contentLoad.findFirst({ orderBy: { id: "desc" }, select: { id: true, checksum: true } });
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
