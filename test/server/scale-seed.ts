import Database from "better-sqlite3";
import type { ParsedProgressFile } from "@/lib/progress/progress-file";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { importProgress } from "@/lib/server/progress-transfer";

/*
 * Large amounts of content and progress for tests of scale and for
 * `npm run bench`. Content is written straight into the SQLite file, in the
 * formats Prisma stores (DateTime as ISO 8601 text with "+00:00", Boolean as
 * 0/1), so that 100,000 cards take a second; a learner's progress goes
 * through the app's own progress import, as a learner's file would.
 */

export const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Active fact cards `from` … `count - 1` in decks of 100: deck-000 holds card-00000 … card-00099. */
export function seedCards(path: string, count: number, from = 0): string[] {
  const db = new Database(path);
  const now = stored(new Date());
  const ids: string[] = [];
  db.transaction(() => {
    const deck = db.prepare("INSERT OR IGNORE INTO Deck (id, titleZh, titleEn, sourcePath, active, updatedAt) VALUES (?, ?, ?, ?, 1, ?)");
    const card = db.prepare(
      "INSERT INTO Card (id, deckId, kind, frontZh, frontEn, backZh, backEn, tags, sourcePath, sourceLine, active, updatedAt) VALUES (?, ?, 'fact', '问', 'Q', '答', 'A', '[]', ?, ?, 1, ?)",
    );
    for (let i = from; i < count; i++) {
      const deckId = `deck-${String(Math.floor(i / 100)).padStart(3, "0")}`;
      if (i % 100 === 0 || i === from) deck.run(deckId, "卡组", "Deck", `cards/${deckId}.yaml`, now);
      const id = `card-${String(i).padStart(5, "0")}`;
      card.run(id, deckId, `cards/${deckId}.yaml`, (i % 100) + 1, now);
      ids.push(id);
    }
  })();
  db.close();
  return ids;
}

export interface ProgressSeedOptions {
  /**
   * Spread the reviews over this many days before `now`, as a learner makes
   * them: one session a day from 08:00 UTC, a review every six seconds. By
   * default they all fall two days before `now`.
   */
  spreadDays?: number;
}

/**
 * A learner's state for each of `cardIds`, and one review of each with the
 * state before it: every other card due an hour before `now`, the rest a day
 * after. Written by importProgress, the progress import's own statements.
 */
export async function seedProgress(db: PrismaClient, learnerId: string, cardIds: readonly string[], now: Date, options: ProgressSeedOptions = {}): Promise<void> {
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
  const perDay = Math.ceil(cardIds.length / (options.spreadDays ?? 1));
  const day = (i: number) => Math.floor(i / perDay);
  const reviewedAt = (i: number) => {
    if (!options.spreadDays) return at(-48);
    const sessionStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - options.spreadDays + day(i), 8);
    return new Date(sessionStart + (i % perDay) * 6_000);
  };
  const file: ParsedProgressFile = {
    format: "synack-progress",
    version: 1,
    exportedAt: now,
    learner: { displayName: null, newCardsPerDay: 20 },
    sessions: [],
    answers: [],
    cardStates: cardIds.map((cardId, i) => ({
      cardId,
      due: i % 2 === 0 ? at(-1) : at(24),
      stability: 3.2,
      difficulty: 5.1,
      elapsedDays: 1,
      scheduledDays: 2,
      learningSteps: 0,
      reps: 2,
      lapses: 0,
      state: 2,
      lastReview: reviewedAt(i),
    })),
    reviews: cardIds.map((cardId, i) => {
      const before = { due: stored(at(-48)), stability: 2.5, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: stored(at(-72)) };
      return {
        id: `${learnerId}-r${i}`,
        cardId,
        rating: i % 10 === 0 ? 1 : 3,
        state: 2,
        due: reviewedAt(i),
        stability: 2.5,
        difficulty: 5,
        elapsedDays: 1,
        lastElapsedDays: 0,
        scheduledDays: 1,
        learningSteps: 0,
        review: reviewedAt(i),
        before: JSON.stringify(before),
        createdAt: new Date(reviewedAt(i).getTime() + i / 1000),
      };
    }),
  };
  await importProgress(db, learnerId, file, { chunkSize: 2_000 });
}
