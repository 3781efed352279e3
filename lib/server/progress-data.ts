import type { AnswerRow, CardStateRow, ProgressRows, ReviewRow } from "../progress/progress-rows";
import type { PrismaClient } from "./prisma-client";

/*
 * Reads one learner's progress rows for lib/progress's statistics. Takes the
 * client so that tests pass their own; the app goes through progress-queries.ts.
 * Every query filters by learnerId: nothing here can see another learner's rows.
 */

/** A JSON column holding an array of strings; anything else reads as empty rather than failing the page. */
export function parseStringList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export async function readProgressRows(client: PrismaClient, learnerId: string): Promise<ProgressRows> {
  const [cardStates, reviews, answers] = await Promise.all([
    // Cards whose content was removed are kept in the database but no longer come up for review.
    // A join, not an IN list of the learner's card ids: that list grows past SQLite's limit on bound parameters.
    client.$queryRaw<CardStateRow[]>`
      SELECT s.cardId, s.due, s.state, s.reps, s.lastReview
      FROM CardState s JOIN Card c ON c.id = s.cardId AND c.active = 1
      WHERE s.learnerId = ${learnerId}`,
    client.reviewLog.findMany({
      where: { learnerId },
      select: { cardId: true, review: true, rating: true, state: true },
      orderBy: { review: "asc" },
    }),
    client.answer.findMany({
      where: { learnerId },
      select: { createdAt: true, correct: true, score: true, topics: true, tests: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const reviewRows: ReviewRow[] = reviews;
  const answerRows: AnswerRow[] = answers.map((answer) => ({ ...answer, topics: parseStringList(answer.topics), tests: parseStringList(answer.tests) }));
  return { cardStates, reviews: reviewRows, answers: answerRows };
}

export interface ProgressCounts {
  reviews: number;
  answers: number;
  sessions: number;
  cardStates: number;
}

/** How many rows of each kind one learner has: what an export would hold. */
export async function countProgressRows(client: PrismaClient, learnerId: string): Promise<ProgressCounts> {
  const where = { learnerId };
  const [reviews, answers, sessions, cardStates] = await Promise.all([
    client.reviewLog.count({ where }),
    client.answer.count({ where }),
    client.studySession.count({ where }),
    client.cardState.count({ where }),
  ]);
  return { reviews, answers, sessions, cardStates };
}
