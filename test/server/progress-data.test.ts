import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { total } from "@/lib/progress/progress-rows";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { jsonOf } from "@/lib/server/json-column";
import { countProgressRows, readProgressRows, stringList } from "@/lib/server/progress-data";
import { profileSchema, updateProfile } from "@/lib/server/profile-store";
import { seedLearner } from "./progress-seed";
import { createTestDatabase } from "./test-database";

describe("progress rows, on a real SQLite file", () => {
  let db: PrismaClient;
  let alice: string;
  let carol: string;

  beforeAll(async () => {
    ({ db } = createTestDatabase());
    // Card states count only for cards still in the content.
    await db.deck.create({ data: { id: "d", titleZh: "卡组", titleEn: "Deck", sourcePath: "cards/d.yaml" } });
    for (const id of ["c1", "c2"]) {
      await db.card.create({
        data: { id, deckId: "d", kind: "fact", frontZh: "问", frontEn: "Q", backZh: "答", backEn: "A", tags: [], sourcePath: "cards/d.yaml", sourceLine: 1, active: id === "c1" },
      });
    }
    alice = await seedLearner(db, "alice");
    carol = await seedLearner(db, "carol", new Date("2025-02-01T09:00:00Z"));
    await db.answer.create({
      data: { learnerId: carol, questionId: "carol-only", kind: "k", topics: ["what-if"], tests: ["CLOSING|rcv ACK"], correct: false, score: 0, response: {} },
    });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("reads one learner's rows and never another's", async () => {
    const rows = await readProgressRows(db, alice);
    expect(rows.reviews).toHaveLength(3);
    expect(rows.reviews.every((review) => review.review.getUTCMonth() === 2)).toBe(true); // Alice's are in March, Carol's in February
    expect(rows.answers).toHaveLength(3);
    expect(rows.answers.flatMap((answer) => answer.topics)).not.toContain("what-if");
    expect(rows.answers.map((answer) => answer.tests)).toEqual([["FIN_WAIT_1|rcv FIN"], ["LAST_ACK|rcv ACK"], []]);
    expect(await countProgressRows(db, carol)).toEqual({ reviews: 3, answers: 4, sessions: 1, cardStates: 2 });
  });

  it("leaves out the states of cards whose content was removed", async () => {
    const rows = await readProgressRows(db, alice);
    expect(total(rows.cardStates)).toBe(1);
    // Both cards were reviewed, the removed one too.
    expect(rows.cardsStudied).toBe(2);
  });

  it("groups reviews by 15-minute slot, state and rating: rows grow with the days studied, not with every review", async () => {
    const rows = await readProgressRows(db, alice);
    expect(rows.reviews).toEqual([
      { review: new Date("2025-03-01T09:00:00Z"), state: 0, rating: 3, count: 1 },
      { review: new Date("2025-03-01T09:00:00Z"), state: 2, rating: 1, count: 1 },
      { review: new Date("2025-03-01T09:00:00Z"), state: 2, rating: 3, count: 1 },
    ]);
    const many = Array.from({ length: 30 }, (_, i) => ({
      learnerId: carol, cardId: "c1", rating: 3, state: 2, due: new Date(), stability: 3, difficulty: 5, elapsedDays: 1, lastElapsedDays: 0,
      scheduledDays: 2, learningSteps: 0, review: new Date(Date.UTC(2025, 5, 1, 8, 50 + i)), before: Prisma.DbNull,
    }));
    await db.reviewLog.createMany({ data: many });
    const grouped = (await readProgressRows(db, carol)).reviews.filter((row) => row.review.getUTCMonth() === 5);
    expect(grouped.map((row) => [row.review.toISOString(), row.count])).toEqual([
      ["2025-06-01T08:45:00.000Z", 10],
      ["2025-06-01T09:00:00.000Z", 15],
      ["2025-06-01T09:15:00.000Z", 5],
    ]);
  });

  it("leaves out a quiz attempt's answers while the quiz withholds its results, and counts them once it shows them", async () => {
    const dora = await seedLearner(db, "dora");
    const instructor = await db.instructor.create({ data: { email: "withheld@example.org", passwordHash: "x" } });
    const attempt = async (settings: Record<string, unknown>, finishedAt: Date | null) => {
      const quiz = await db.instructorQuiz.create({ data: { instructorId: instructor.id, definition: {} } });
      const version = await db.quizVersion.create({ data: { instructorQuizId: quiz.id, definition: { id: "w", title: { zh: "测", en: "T" }, settings: jsonOf(settings) } } });
      const session = await db.studySession.create({ data: { learnerId: dora, mode: "quiz", config: {}, questions: [], quizVersionId: version.id, attempt: 1, finishedAt } });
      await db.answer.create({ data: { learnerId: dora, sessionId: session.id, questionId: session.id, kind: "next-state", topics: [], tests: [], correct: true, score: 1, response: {} } });
      return session.id;
    };
    const now = new Date("2026-12-02T09:00:00Z");
    const before = (await readProgressRows(db, dora, now)).answers.length;
    await attempt({ feedback: "end" }, null);
    await attempt({ feedback: "after-close", closes: "2026-12-03T00:00:00Z" }, now);
    expect((await readProgressRows(db, dora, now)).answers.length).toBe(before);
    await attempt({ feedback: "end" }, now);
    await attempt({}, null);
    expect((await readProgressRows(db, dora, now)).answers.length).toBe(before + 2);
    expect((await readProgressRows(db, dora, new Date("2026-12-03T00:00:01Z"))).answers.length).toBe(before + 3);
  });

  it("reads nothing for an unknown learner", async () => {
    expect(await readProgressRows(db, "nobody")).toEqual({ cardStates: [], reviews: [], answers: [], cardsStudied: 0 });
  });

  it("updates only the given learner's profile", async () => {
    expect(await updateProfile(db, alice, { displayName: "爱丽丝", newCardsPerDay: 30 })).toEqual({ displayName: "爱丽丝", newCardsPerDay: 30 });
    expect(await db.learner.findUnique({ where: { id: carol }, select: { displayName: true, newCardsPerDay: true } })).toEqual({
      displayName: "Learner carol",
      newCardsPerDay: 15,
    });
  });
});

describe("stringList", () => {
  it("reads an array of strings and nothing else", () => {
    expect(stringList(["a", "b"])).toEqual(["a", "b"]);
    expect(stringList(["a", 1])).toEqual(["a"]);
    expect(stringList({})).toEqual([]);
    expect(stringList("[\"a\"]")).toEqual([]);
    expect(stringList(null)).toEqual([]);
  });
});

describe("profileSchema", () => {
  const fields = (input: unknown) => {
    const result = profileSchema.safeParse(input);
    return result.success ? result.data : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join(".") || "body", issue.message]));
  };

  it("trims the name and accepts 40 characters, Chinese ones counted one each", () => {
    expect(fields({ displayName: "  Ada  " })).toEqual({ displayName: "Ada" });
    expect(fields({ displayName: "名".repeat(40) })).toEqual({ displayName: "名".repeat(40) });
    expect(fields({ displayName: null, newCardsPerDay: 0 })).toEqual({ displayName: null, newCardsPerDay: 0 });
  });

  it("names the field that is wrong", () => {
    expect(fields({ displayName: "   " })).toEqual({ displayName: "must be 1 to 40 characters" });
    expect(fields({ displayName: "x".repeat(41) })).toEqual({ displayName: "must be 1 to 40 characters" });
    expect(fields({ newCardsPerDay: 201 })).toEqual({ newCardsPerDay: "must be 0 to 200" });
    expect(fields({ newCardsPerDay: 2.5 })).toEqual({ newCardsPerDay: "must be a whole number" });
    expect(fields({ newCardsPerDay: "20" })).toEqual({ newCardsPerDay: "must be a whole number" });
    expect(fields({})).toEqual({ body: "give displayName, newCardsPerDay or both" });
    expect(fields({ displayName: "Ada", admin: true })).toEqual({ body: 'Unrecognized key: "admin"' });
  });
});
