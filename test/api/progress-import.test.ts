import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { createCountingClient, type RecordedQuery } from "../server/counting-client";
import { learnerWithCookie, useAppDatabase } from "./app-database";
import { callRoute, ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/*
 * Issue 10: one large import stalled every other learner (a review round
 * trip took 37 s during it) because it ran as one long transaction. Now an
 * import is checked in slices and written in statements of at most 500
 * rows, each its own transaction, with turns of the event loop between.
 */

const NOW = new Date("2026-11-21T09:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

/** A file of `reviews` reviews over `cards` cards, each card's state after its last review. */
function progressFile(cardIds: string[], reviews: number) {
  const state = (i: number) => ({ due: at(i + 1440), stability: 3.25, difficulty: 5.5, elapsedDays: 1, scheduledDays: 2, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: at(i) });
  return {
    format: "synack-progress",
    version: 1,
    exportedAt: NOW.toISOString(),
    learner: { displayName: "Importer", newCardsPerDay: 20 },
    cardStates: cardIds.map((cardId, i) => ({ cardId, ...state(-i) })),
    reviews: Array.from({ length: reviews }, (_, i) => ({
      id: `review-${String(i).padStart(6, "0")}`,
      cardId: cardIds[i % cardIds.length]!,
      rating: 3,
      state: 2,
      due: at(-i + 1440),
      stability: 3.25,
      difficulty: 5.5,
      elapsedDays: 1,
      lastElapsedDays: 0,
      scheduledDays: 2,
      learningSteps: 0,
      review: at(-i),
      before: JSON.stringify(state(-i - 1440)),
      createdAt: at(-i),
    })),
    sessions: [],
    answers: [],
  };
}

describe("POST /api/progress/import of a large file", () => {
  let db: PrismaClient;
  let queries: RecordedQuery[];
  let importRoute: typeof import("@/app/api/progress/import/route");
  let gradeRoute: typeof import("@/app/api/review/grade/route");
  let cardIds: string[];

  beforeAll(async () => {
    let recorded: RecordedQuery[] = [];
    ({ db } = await useAppDatabase((url) => {
      const counting = createCountingClient(url);
      recorded = counting.queries;
      return counting.db;
    }));
    queries = recorded;
    importRoute = await import("@/app/api/progress/import/route");
    gradeRoute = await import("@/app/api/review/grade/route");
    cardIds = (await db.card.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } })).map((card) => card.id);
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  const post = (cookie: string, body: string) => new Request(`${ORIGIN}/api/progress/import`, { method: "POST", headers: { "content-type": "application/json", cookie }, body });

  it("stores a file of nearly 20 MB in short statements, while another learner's grade goes through", async () => {
    const text = JSON.stringify(progressFile(cardIds, 30_000), null, 2);
    expect(text.length).toBeGreaterThan(15 * 1024 * 1024);
    expect(text.length).toBeLessThan(20 * 1024 * 1024);
    const importer = await learnerWithCookie(db, "importer");
    const grader = await learnerWithCookie(db, "grader");
    queries.length = 0;

    let imported = 0;
    const importing = callRoute(importRoute.POST, post(importer.cookie, text)).then((reply) => {
      imported = performance.now();
      return reply;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const graded = await callRoute(
      gradeRoute.POST,
      new Request(`${ORIGIN}/api/review/grade`, { method: "POST", headers: { "content-type": "application/json", cookie: grader.cookie }, body: JSON.stringify({ cardId: cardIds[0], grade: "good" }) }),
    );
    const gradedAt = performance.now();
    const reply = await importing;

    expect(graded.status).toBe(200);
    expect(gradedAt).toBeLessThan(imported);
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    expect(reply.json).toMatchObject({ ok: true, added: { reviews: 30_000, cardStates: cardIds.length, sessions: 0, answers: 0 } });
    expect(await db.reviewLog.count({ where: { learnerId: importer.id } })).toBe(30_000);
    // No transaction spans the import: every write is its own statement of at most 500 rows, bound as one JSON parameter
    // (read as rows by SQLite's json_each, PostgreSQL's jsonb_to_recordset).
    const writes = queries.filter((query) => /^\s*(INSERT|UPDATE)/.test(query.sql) && /\b(json_each|jsonb_to_recordset)\(/.test(query.sql));
    expect(writes.length).toBe(Math.ceil(30_000 / 500) + Math.ceil(cardIds.length / 500));
    expect(Math.max(...writes.map((query) => query.params))).toBeLessThanOrEqual(3);
    expect(writes.filter((query) => query.inTransaction)).toEqual([]);
  }, 300_000);

  it("two imports of the same file at once add each row once", async () => {
    const learner = await learnerWithCookie(db, "twice");
    const text = JSON.stringify(progressFile(cardIds.slice(0, 50), 1_200));
    const [first, second] = await Promise.all([callRoute(importRoute.POST, post(learner.cookie, text)), callRoute(importRoute.POST, post(learner.cookie, text))]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await db.reviewLog.count({ where: { learnerId: learner.id } })).toBe(1_200);
    expect(await db.cardState.count({ where: { learnerId: learner.id } })).toBe(50);
    const added = (reply: typeof first) => (reply.json as { added: { reviews: number } }).added.reviews;
    expect(added(first) + added(second)).toBe(1_200);
  }, 120_000);
});
