import Database from "better-sqlite3";

/*
 * Large amounts of content and progress written straight into the SQLite
 * file, in the formats Prisma stores (DateTime as ISO 8601 text with
 * "+00:00", Boolean as 0/1), so that tests of scale seed in milliseconds.
 */

export const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** `count` active fact cards in decks of 100: deck-000 holds card-00000 … card-00099. */
export function seedCards(path: string, count: number): string[] {
  const db = new Database(path);
  const now = stored(new Date());
  const ids: string[] = [];
  db.transaction(() => {
    const deck = db.prepare("INSERT INTO Deck (id, titleZh, titleEn, sourcePath, active, updatedAt) VALUES (?, ?, ?, ?, 1, ?)");
    const card = db.prepare(
      "INSERT INTO Card (id, deckId, kind, frontZh, frontEn, backZh, backEn, tags, sourcePath, sourceLine, active, updatedAt) VALUES (?, ?, 'fact', '问', 'Q', '答', 'A', '[]', ?, ?, 1, ?)",
    );
    for (let i = 0; i < count; i++) {
      const deckId = `deck-${String(Math.floor(i / 100)).padStart(3, "0")}`;
      if (i % 100 === 0) deck.run(deckId, "卡组", "Deck", `cards/${deckId}.yaml`, now);
      const id = `card-${String(i).padStart(5, "0")}`;
      card.run(id, deckId, `cards/${deckId}.yaml`, (i % 100) + 1, now);
      ids.push(id);
    }
  })();
  db.close();
  return ids;
}

/**
 * A learner's state for each of `cardIds`, and one review of each with the
 * state before it: every other card due an hour before `now`, the rest a day after.
 */
export function seedProgress(path: string, learnerId: string, cardIds: readonly string[], now: Date): void {
  const db = new Database(path);
  const at = (hours: number) => stored(new Date(now.getTime() + hours * 3_600_000));
  db.transaction(() => {
    const state = db.prepare(
      "INSERT INTO CardState (learnerId, cardId, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview) VALUES (?, ?, ?, 3.2, 5.1, 1, 2, 0, 2, 0, 2, ?)",
    );
    const review = db.prepare(
      "INSERT INTO ReviewLog (id, learnerId, cardId, rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, review, before, createdAt) VALUES (?, ?, ?, 3, 2, ?, 2.5, 5, 1, 0, 1, 0, ?, ?, ?)",
    );
    cardIds.forEach((cardId, i) => {
      state.run(learnerId, cardId, i % 2 === 0 ? at(-1) : at(24), at(-48));
      const before = { due: at(-48), stability: 2.5, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: at(-72) };
      review.run(`${learnerId}-r${i}`, learnerId, cardId, at(-48), at(-48), JSON.stringify(before), at(-48 + i / 1e6));
    });
  })();
  db.close();
}
