import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent, type ContentFile } from "@/lib/content";
import { contentChecksum, storeContent } from "@/lib/server/content-store";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { jsonOrDbNull } from "@/lib/server/json-column";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { gradeCard, ReviewError, reviewStatus, showingFirst, startOfDay, undoLastReview } from "@/lib/server/review-store";
import { applyGrade } from "@/lib/srs/scheduler";
import { createTestDatabase } from "./test-database";

const deck = (id: string, cards: string[]): ContentFile => ({
  path: `cards/${id}.yaml`,
  text:
    `deck:\n  id: ${id}\n  title: {zh: 卡组${id}, en: Deck ${id}}\ncards:\n` +
    cards.map((card) => `  - id: ${card}\n    kind: fact\n    front: {zh: 问${card}, en: Q ${card}}\n    back: {zh: 答, en: A}\n    tags: [handshake]\n`).join(""),
});

const T0 = new Date("2026-11-21T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe("flashcard review on a real SQLite file", () => {
  let db: PrismaClient;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    ({ db } = createTestDatabase());
    const files = [deck("a", ["a1", "a2", "a3"]), deck("b", ["b1", "b2"])];
    await storeContent(db, checkContent(files), contentChecksum(files));
    alice = (await db.learner.create({ data: { tokenHash: "alice", newCardsPerDay: 3 } })).id;
    bob = (await db.learner.create({ data: { tokenHash: "bob" } })).id;
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("a new learner gets new cards one deck after another, with an interval on every grade", async () => {
    const status = await reviewStatus(db, alice, T0);
    expect(status).toMatchObject({ dueNow: 0, newLeft: 3, reviewedToday: 0 });
    expect(status.card).toMatchObject({ id: "a1", isNew: true, intervals: { again: "1m", hard: "6m", good: "10m" } });
    expect(status.card!.intervals.easy).toMatch(/^\d+d$/);
    expect(status.card!.front.en).toEqual([{ tag: "p", children: ["Q a1"] }]);
  });

  it("the cards after the one shown come with it, as many as the day's new cards allow", async () => {
    const status = await reviewStatus(db, alice, T0);
    expect(status.upcoming.map((card) => card.id)).toEqual(["a2", "a3"]);
    expect(showingFirst(status, status.upcoming[1]!)).toMatchObject({ card: { id: "a3" }, upcoming: [{ id: "a1" }, { id: "a2" }] });
  });

  it("the FSRS state after Good, Good, Again is what ts-fsrs computes for that sequence", async () => {
    await gradeCard(db, alice, "a1", "good", T0);
    await gradeCard(db, alice, "a1", "good", minutes(10));
    await gradeCard(db, alice, "a1", "again", minutes(10 + 60 * 24 * 3));
    let expected = applyGrade(null, "good", T0).after;
    expected = applyGrade(expected, "good", minutes(10)).after;
    expected = applyGrade(expected, "again", minutes(10 + 60 * 24 * 3)).after;
    const stored = await db.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: alice, cardId: "a1" } } });
    expect(stored).toMatchObject({
      reps: 3,
      lapses: expected.lapses,
      state: expected.state,
      due: expected.due,
      stability: expected.stability,
      difficulty: expected.difficulty,
    });
    expect(await db.reviewLog.count({ where: { learnerId: alice, cardId: "a1" } })).toBe(3);
  });

  it("the same-day learning step brings a card back after ten minutes", async () => {
    await gradeCard(db, alice, "b1", "good", T0);
    const soon = await reviewStatus(db, alice, minutes(5));
    expect(soon.card?.id).not.toBe("b1");
    const later = await reviewStatus(db, alice, minutes(11));
    expect(later.dueNow).toBeGreaterThanOrEqual(1);
    expect(later.card?.id).toBe("b1");
  });

  it("undo restores the state before the last grade, and for a new card forgets it", async () => {
    const before = await db.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: alice, cardId: "b1" } } });
    await gradeCard(db, alice, "b1", "easy", minutes(12));
    expect(await undoLastReview(db, alice)).toBe("b1");
    const after = await db.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: alice, cardId: "b1" } } });
    expect(after).toEqual(before);

    await gradeCard(db, alice, "a2", "good", minutes(13));
    expect(await undoLastReview(db, alice)).toBe("a2");
    expect(await db.cardState.findUnique({ where: { learnerId_cardId: { learnerId: alice, cardId: "a2" } } })).toBeNull();
  });

  it("the daily limit of new cards counts the cards introduced today, and undo gives one back", async () => {
    const day = startOfDay(T0);
    const introduced = await db.reviewLog.count({ where: { learnerId: alice, review: { gte: day }, before: { equals: Prisma.DbNull } } });
    expect(introduced).toBe(2);
    expect((await reviewStatus(db, alice, minutes(14))).newLeft).toBe(1);
    await gradeCard(db, alice, "a2", "good", minutes(14));
    const status = await reviewStatus(db, alice, minutes(15));
    expect(status.newLeft).toBe(0);
    expect(status.card === null || !status.card.isNew).toBe(true);
    await undoLastReview(db, alice);
    expect((await reviewStatus(db, alice, minutes(16))).newLeft).toBe(1);
  });

  it("one learner never sees or changes another's progress", async () => {
    const bobStatus = await reviewStatus(db, bob, minutes(20));
    expect(bobStatus).toMatchObject({ dueNow: 0, newLeft: 20, reviewedToday: 0 });
    expect(bobStatus.card?.isNew).toBe(true);
    await expect(undoLastReview(db, bob)).rejects.toThrow(ReviewError);
    const aliceLogs = await db.reviewLog.count({ where: { learnerId: alice } });
    await gradeCard(db, bob, "a1", "good", minutes(20));
    expect(await db.reviewLog.count({ where: { learnerId: alice } })).toBe(aliceLogs);
    expect(await db.cardState.count({ where: { learnerId: bob } })).toBe(1);
  });

  it("grading an unknown card is a 404, and nothing is written", async () => {
    await expect(gradeCard(db, bob, "no-such-card", "good", T0)).rejects.toMatchObject({ name: "ReviewError", status: 404 });
    expect(await db.cardState.count({ where: { learnerId: bob, cardId: "no-such-card" } })).toBe(0);
  });
});

describe("undo after an import (issue 10: undo answered 500 for good)", () => {
  let db: PrismaClient;
  let carol: string;

  beforeAll(async () => {
    ({ db } = createTestDatabase());
    const files = [deck("a", ["a1", "a2"])];
    await storeContent(db, checkContent(files), contentChecksum(files));
    carol = (await db.learner.create({ data: { tokenHash: "carol" } })).id;
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  const log = (cardId: string, before: object | null, at: Date) => ({
    learnerId: carol, cardId, rating: 3, state: 2, due: at, stability: 3, difficulty: 5, elapsedDays: 1, lastElapsedDays: 0, scheduledDays: 2, learningSteps: 0, review: at, before: jsonOrDbNull(before), createdAt: at,
  });

  it("restores the state before a review whose card has no state here (a file may hold reviews without states)", async () => {
    const before = { due: T0, stability: 2.5, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: minutes(-60) };
    // As gradeCard keeps it: dates as ISO text.
    await db.reviewLog.create({ data: log("a1", JSON.parse(JSON.stringify(before)) as object, T0) });
    expect(await undoLastReview(db, carol)).toBe("a1");
    expect(await db.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: carol, cardId: "a1" } } })).toMatchObject(before);
  });

  it("takes back a first review whose card state is already gone", async () => {
    await db.reviewLog.create({ data: log("a2", null, T0) });
    expect(await undoLastReview(db, carol)).toBe("a2");
    expect(await db.reviewLog.count({ where: { learnerId: carol, cardId: "a2" } })).toBe(0);
  });

  it("refuses with a 409, keeping the review, when the state before it is unreadable", async () => {
    await db.reviewLog.create({ data: log("a2", {}, T0) });
    await expect(undoLastReview(db, carol)).rejects.toMatchObject({ name: "ReviewError", status: 409 });
    expect(await db.reviewLog.count({ where: { learnerId: carol, cardId: "a2" } })).toBe(1);
  });

  it("grades a card whose last review is later than now (another machine's clock): it counts as just now", async () => {
    await db.cardState.create({
      data: { learnerId: carol, cardId: "a2", due: minutes(-1), stability: 3, difficulty: 5, elapsedDays: 1, scheduledDays: 2, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: minutes(600) },
    });
    expect((await reviewStatus(db, carol, T0)).card).toMatchObject({ id: "a2", isNew: false });
    await gradeCard(db, carol, "a2", "good", T0);
    expect(await db.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: carol, cardId: "a2" } } })).toMatchObject({ lastReview: T0, reps: 3 });
  });
});
