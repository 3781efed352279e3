import Database from "better-sqlite3";
import type { ParsedProgressFile } from "@/lib/progress/progress-file";
import { databaseProvider } from "@/lib/server/database-url";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { importProgress } from "@/lib/server/progress-transfer";
import { postgresSql } from "../db/test-postgres";

/*
 * Large amounts of content and progress for tests of scale and for
 * `npm run bench`. Content is written straight into the database, in the
 * formats Prisma stores (on SQLite, DateTime as ISO 8601 text with
 * "+00:00" and Boolean as 0/1), so that 100,000 cards take a second; a
 * learner's progress goes through the app's own progress import, as a
 * learner's file would.
 */

export const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

const deckId = (i: number) => `deck-${String(Math.floor(i / 100)).padStart(3, "0")}`;
const cardId = (i: number) => `card-${String(i).padStart(5, "0")}`;

/**
 * Active fact cards `from` … `count - 1` in decks of 100, into the database
 * at `url` (a SQLite file or PostgreSQL): deck-000 holds card-00000 … card-00099.
 */
export function seedCards(url: string, count: number, from = 0): string[] {
  if (databaseProvider(url) === "postgresql") seedPostgresCards(url, count, from);
  else seedSqliteCards(url.slice("file:".length), count, from);
  return Array.from({ length: Math.max(0, count - from) }, (_, k) => cardId(from + k));
}

function seedSqliteCards(path: string, count: number, from: number): void {
  const db = new Database(path);
  const now = stored(new Date());
  db.transaction(() => {
    const deck = db.prepare("INSERT OR IGNORE INTO Deck (id, titleZh, titleEn, sourcePath, active, updatedAt) VALUES (?, ?, ?, ?, 1, ?)");
    const card = db.prepare(
      "INSERT INTO Card (id, deckId, kind, frontZh, frontEn, backZh, backEn, tags, sourcePath, sourceLine, active, updatedAt) VALUES (?, ?, 'fact', '问', 'Q', '答', 'A', '[]', ?, ?, 1, ?)",
    );
    for (let i = from; i < count; i++) {
      if (i % 100 === 0 || i === from) deck.run(deckId(i), "卡组", "Deck", `cards/${deckId(i)}.yaml`, now);
      card.run(cardId(i), deckId(i), `cards/${deckId(i)}.yaml`, (i % 100) + 1, now);
    }
  })();
  db.close();
}

/** The same rows in two statements, made by PostgreSQL itself. */
function seedPostgresCards(url: string, count: number, from: number): void {
  if (count <= from) return;
  const deck = `'deck-' || lpad((i / 100)::text, 3, '0')`;
  postgresSql(
    url,
    `BEGIN;
     INSERT INTO "Deck" ("id", "titleZh", "titleEn", "sourcePath", "active", "updatedAt")
       SELECT DISTINCT ${deck}, '卡组', 'Deck', 'cards/' || ${deck} || '.yaml', TRUE, now() AT TIME ZONE 'UTC' FROM generate_series(${from}, ${count - 1}) AS i
       ON CONFLICT DO NOTHING;
     INSERT INTO "Card" ("id", "deckId", "kind", "frontZh", "frontEn", "backZh", "backEn", "tags", "sourcePath", "sourceLine", "active", "updatedAt")
       SELECT 'card-' || lpad(i::text, 5, '0'), ${deck}, 'fact', '问', 'Q', '答', 'A', '[]', 'cards/' || ${deck} || '.yaml', i % 100 + 1, TRUE, now() AT TIME ZONE 'UTC'
       FROM generate_series(${from}, ${count - 1}) AS i;
     COMMIT;`,
  );
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
