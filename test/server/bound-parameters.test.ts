import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgressReport } from "@/lib/progress/progress-report";
import { total } from "@/lib/progress/progress-rows";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { countProgressRows, readProgressRows } from "@/lib/server/progress-data";
import { checkProgressFile } from "@/lib/server/progress-file-check";
import { exportProgress, importProgress } from "@/lib/server/progress-transfer";
import { DUE_COUNT_LIMIT, gradeCard, reviewCardFor, reviewStatus, undoLastReview } from "@/lib/server/review-store";
import { createCountingClient, widest, type RecordedQuery } from "./counting-client";
import { seedCards, seedProgress } from "./scale-seed";
import { createTestDatabase } from "./test-database";

/*
 * Regression for issue 10: from about 1,000 card states (or 1,100 cards in
 * the content) review, grading and the progress page failed with P2029, an
 * IN list of every id past SQLite's limit on bound parameters. No statement
 * the review and progress functions run may bind more than a handful of
 * values, whatever the amount of data.
 */
const MAX_PARAMETERS = 100;
const NOW = new Date("2026-11-21T09:00:00Z");

async function importFile(db: PrismaClient, learnerId: string, from: string) {
  const checked = await checkProgressFile(JSON.parse(JSON.stringify(await exportProgress(db, from, NOW))));
  if (!("file" in checked)) throw new Error(`export did not pass the import check: ${JSON.stringify(checked.fields)}`);
  return importProgress(db, learnerId, checked.file);
}

describe.each([
  { cards: 1_200, states: 1_200 },
  { cards: 10_000, states: 10_000 },
])("$cards cards in the content, a learner with $states card states", ({ cards, states }) => {
  let db: PrismaClient;
  let queries: RecordedQuery[];
  let alice: string;
  let cardIds: string[];

  beforeAll(async () => {
    const database = createTestDatabase();
    await database.db.$disconnect();
    cardIds = seedCards(database.url, cards);
    ({ db, queries } = createCountingClient(database.url));
    alice = (await db.learner.create({ data: { tokenHash: "alice" } })).id;
    await seedProgress(db, alice, cardIds.slice(0, states), NOW);
    queries.length = 0;
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  // What is due is counted up to DUE_COUNT_LIMIT, then shown as "100+".
  const dueCount = (due: number) => ({ dueNow: Math.min(due, DUE_COUNT_LIMIT), dueNowCapped: due > DUE_COUNT_LIMIT });

  const expectBounded = () => {
    expect(queries.length).toBeGreaterThan(0);
    const most = widest(queries)!;
    expect(most.params, most.sql.slice(0, 300)).toBeLessThanOrEqual(MAX_PARAMETERS);
    queries.length = 0;
  };

  it("the review queue shows a due card, in (re)learning order, and counts what is due", async () => {
    const status = await reviewStatus(db, alice, NOW);
    expect(status).toMatchObject(dueCount(Math.ceil(states / 2)));
    expect(status.card).toMatchObject({ id: cardIds[0], isNew: false });
    expect(status.upcoming.map((card) => card.id)).toEqual([cardIds[2], cardIds[4], cardIds[6]]);
    expect(status.nextDueAt).toBe(new Date(NOW.getTime() + 24 * 3_600_000).toISOString());
    expectBounded();
  });

  it("a new learner is offered the first card of the first deck", async () => {
    const status = await reviewStatus(db, "nobody", NOW);
    expect(status.card).toMatchObject({ id: "card-00000", isNew: true });
    expectBounded();
  });

  it("grading, the next card and undo", async () => {
    await gradeCard(db, alice, cardIds[0]!, "good", NOW);
    expect(await reviewStatus(db, alice, NOW)).toMatchObject(dueCount(Math.ceil(states / 2) - 1));
    expect(await undoLastReview(db, alice)).toBe(cardIds[0]);
    expect(await reviewCardFor(db, alice, cardIds[0]!, NOW)).toMatchObject({ id: cardIds[0] });
    expect(await reviewStatus(db, alice, NOW)).toMatchObject(dueCount(Math.ceil(states / 2)));
    expectBounded();
  });

  it("the progress page's data", async () => {
    const rows = await readProgressRows(db, alice);
    expect(total(rows.cardStates)).toBe(states);
    expect(buildProgressReport(rows, NOW).totals.cardsStudied).toBe(states);
    expect(await countProgressRows(db, alice)).toMatchObject({ cardStates: states, reviews: states });
    expectBounded();
  });

  it("export, and import into a new learner and into the same one", async () => {
    const bob = (await db.learner.create({ data: { tokenHash: "bob" } })).id;
    expect((await importFile(db, bob, alice)).added).toEqual({ sessions: 0, answers: 0, reviews: states, cardStates: states });
    expect((await importFile(db, alice, alice)).added).toEqual({ sessions: 0, answers: 0, reviews: 0, cardStates: 0 });
    expectBounded();
  });
});
