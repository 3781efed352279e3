import "server-only";
import { db } from "./db";

export interface ContentSummary {
  notes: number;
  decks: number;
  cards: number;
  quizzes: number;
  claims: number;
  loadedAt: Date | null;
}

/** What the app is serving, for the home page. */
export async function getContentSummary(): Promise<ContentSummary> {
  const [notes, decks, cards, quizzes, lastLoad] = await Promise.all([
    db.note.count({ where: { active: true } }),
    db.deck.count({ where: { active: true } }),
    db.card.count({ where: { active: true } }),
    db.quiz.count({ where: { active: true } }),
    db.contentLoad.findFirst({ orderBy: { id: "desc" } }),
  ]);
  return { notes, decks, cards, quizzes, claims: lastLoad?.claims ?? 0, loadedAt: lastLoad?.loadedAt ?? null };
}
