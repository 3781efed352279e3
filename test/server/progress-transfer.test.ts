import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressFileSchema, type ProgressFile } from "@/lib/progress/progress-file";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { exportProgress, importProgress } from "@/lib/server/progress-transfer";
import { seedLearner } from "./progress-seed";
import { createTestDatabase } from "./test-database";

const now = new Date("2025-03-10T12:00:00Z");

/** A file's rows without the ids that an import into a shared database has to change; sessions matched to answers by position. */
function withoutIds(file: ProgressFile) {
  const sessionIndex = new Map(file.sessions.map((session, i) => [session.id, i]));
  return {
    learner: file.learner,
    cardStates: file.cardStates,
    reviews: file.reviews.map(({ id: _, ...review }) => review),
    sessions: file.sessions.map(({ id: _, ...session }) => session),
    answers: file.answers.map(({ id: _, sessionId, ...answer }) => ({ ...answer, session: sessionId === null ? null : sessionIndex.get(sessionId) })),
  };
}

async function newLearner(db: PrismaClient, tag: string): Promise<string> {
  return (await db.learner.create({ data: { tokenHash: `hash-${tag}` } })).id;
}

async function rowCounts(db: PrismaClient, learnerId: string) {
  const where = { learnerId };
  return {
    cardStates: await db.cardState.count({ where }),
    reviews: await db.reviewLog.count({ where }),
    sessions: await db.studySession.count({ where }),
    answers: await db.answer.count({ where }),
  };
}

describe("progress export and import, on a real SQLite file", () => {
  let db: PrismaClient;
  let alice: string;
  let carol: string;

  beforeAll(async () => {
    ({ db } = createTestDatabase());
    alice = await seedLearner(db, "alice");
    carol = await seedLearner(db, "carol", new Date("2025-02-01T09:00:00Z"));
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("exports every row of one learner's and nothing of another's, without the token hash", async () => {
    const file = await exportProgress(db, alice, now);
    expect(progressFileSchema.safeParse(file).success).toBe(true);
    expect({ states: file.cardStates.length, reviews: file.reviews.length, sessions: file.sessions.length, answers: file.answers.length }).toEqual({
      states: 2,
      reviews: 3,
      sessions: 1,
      answers: 3,
    });
    const text = JSON.stringify(file);
    expect(text).not.toContain("carol");
    expect(text).not.toContain("tokenHash");
    expect(text).not.toContain(alice);
    expect(file.learner).toEqual({ displayName: "Learner alice", newCardsPerDay: 15 });
  });

  it("exports a valid, empty file for a first visit (no learner)", async () => {
    const file = await exportProgress(db, null, now);
    expect(file).toEqual({
      format: "synack-progress",
      version: 1,
      exportedAt: now.toISOString(),
      learner: { displayName: null, newCardsPerDay: 20 },
      cardStates: [],
      reviews: [],
      sessions: [],
      answers: [],
    });
    expect(progressFileSchema.safeParse(file).success).toBe(true);
  });

  it("round-trips into a second learner on the same server: the same rows, under ids of its own", async () => {
    const original = await exportProgress(db, alice, now);
    const bob = await newLearner(db, "bob");
    const result = await importProgress(db, bob, progressFileSchema.parse(original));
    expect(result).toEqual({
      added: { sessions: 1, answers: 3, reviews: 3, cardStates: 2 },
      updatedCardStates: 0,
      unchanged: { sessions: 0, answers: 0, reviews: 0, cardStates: 0 },
      settings: ["displayName", "newCardsPerDay"],
    });
    const copy = await exportProgress(db, bob, now);
    expect(withoutIds(copy)).toEqual(withoutIds(original));
    // Alice's rows are untouched.
    expect(await exportProgress(db, alice, now)).toEqual(original);
  });

  it("round-trips into another database exactly, ids included", async () => {
    const original = await exportProgress(db, alice, now);
    const other = createTestDatabase().db;
    try {
      const dave = await newLearner(other, "dave");
      await importProgress(other, dave, progressFileSchema.parse(original));
      expect(await exportProgress(other, dave, now)).toEqual(original);
    } finally {
      await other.$disconnect();
    }
  });

  it("adds nothing when the same file is imported twice", async () => {
    const file = progressFileSchema.parse(await exportProgress(db, alice, now));
    const erin = await newLearner(db, "erin");
    await importProgress(db, erin, file);
    const before = await exportProgress(db, erin, now);
    const again = await importProgress(db, erin, file);
    expect(again.added).toEqual({ sessions: 0, answers: 0, reviews: 0, cardStates: 0 });
    expect(again.updatedCardStates).toBe(0);
    expect(again.unchanged).toEqual({ sessions: 1, answers: 3, reviews: 3, cardStates: 2 });
    expect(await exportProgress(db, erin, now)).toEqual(before);
  });

  it("adds nothing when a copy's own export comes back to the original learner", async () => {
    const frank = await newLearner(db, "frank");
    await importProgress(db, frank, progressFileSchema.parse(await exportProgress(db, alice, now)));
    const back = await importProgress(db, alice, progressFileSchema.parse(await exportProgress(db, frank, now)));
    expect(back.added).toEqual({ sessions: 0, answers: 0, reviews: 0, cardStates: 0 });
    expect(await rowCounts(db, alice)).toEqual({ cardStates: 2, reviews: 3, sessions: 1, answers: 3 });
  });

  it("takes a card's state from the file only when it was reviewed later, and leaves the other cards alone", async () => {
    const original = await exportProgress(db, alice, now);
    const c1 = original.cardStates.find((s) => s.cardId === "c1")!;
    const c2 = original.cardStates.find((s) => s.cardId === "c2")!;
    const later = { ...c1, stability: 42, reps: 9, lastReview: "2025-03-09T08:00:00.000Z", due: "2025-04-01T08:00:00.000Z" };
    const earlier = { ...c2, stability: 0.1, lastReview: "2025-01-01T00:00:00.000Z" };
    const result = await importProgress(db, alice, progressFileSchema.parse({ ...original, cardStates: [later, earlier] }));
    expect(result.updatedCardStates).toBe(1);
    expect(result.unchanged.cardStates).toBe(1);
    const after = await exportProgress(db, alice, now);
    expect(after.cardStates).toEqual([later, c2]);
    expect(after.reviews).toEqual(original.reviews);
  });

  it("adds the missing rows of a file that holds some new ones", async () => {
    const original = await exportProgress(db, alice, now);
    const extra = { ...original.reviews[0]!, id: "review-from-elsewhere", review: "2025-03-09T07:00:00.000Z" };
    const result = await importProgress(db, alice, progressFileSchema.parse({ ...original, reviews: [...original.reviews, extra] }));
    expect(result.added).toEqual({ sessions: 0, answers: 0, reviews: 1, cardStates: 0 });
    expect((await exportProgress(db, alice, now)).reviews.map((r) => r.id)).toContain("review-from-elsewhere");
  });

  it("never touches another learner's rows", async () => {
    const carolBefore = await exportProgress(db, carol, now);
    const gina = await newLearner(db, "gina");
    await importProgress(db, gina, progressFileSchema.parse(await exportProgress(db, alice, now)));
    expect(await exportProgress(db, carol, now)).toEqual(carolBefore);
  });
});

describe("progressFileSchema", () => {
  const valid: ProgressFile = {
    format: "synack-progress",
    version: 1,
    exportedAt: "2025-03-10T12:00:00.000Z",
    learner: { displayName: null, newCardsPerDay: 20 },
    cardStates: [],
    reviews: [],
    sessions: [{ id: "s1", mode: "quiz", config: "{}", questions: "[]", createdAt: "2025-03-01T00:00:00.000Z", finishedAt: null }],
    answers: [
      {
        id: "a1",
        sessionId: "s1",
        position: 0,
        questionId: "q1",
        kind: "next-state",
        topics: '["close"]',
        tests: '["LISTEN|rcv SYN"]',
        correct: true,
        score: 1,
        response: "{}",
        createdAt: "2025-03-01T00:01:00.000Z",
      },
    ],
  };

  /** What the import route answers: each problem keyed by its field path. */
  function problems(input: unknown): Record<string, string> {
    const result = progressFileSchema.safeParse(input);
    if (result.success) return {};
    return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  }

  it("accepts a well-formed file", () => {
    expect(problems(valid)).toEqual({});
  });

  it("names the path of each bad field", () => {
    const bad = {
      ...valid,
      version: 2,
      answers: [{ ...valid.answers[0], createdAt: "yesterday", topics: "close", score: 1.5 }],
      reviews: [{ id: "r1", cardId: "c1", rating: 5 }],
    };
    expect(problems(bad)).toMatchInlineSnapshot(`
      {
        "answers.0.createdAt": "must be an ISO 8601 date-time",
        "answers.0.score": "must be between 0 and 1",
        "answers.0.topics": "must be a string holding a JSON array of strings",
        "reviews.0.before": "must be a string",
        "reviews.0.difficulty": "must be a number",
        "reviews.0.due": "must be an ISO 8601 date-time",
        "reviews.0.elapsedDays": "must be a whole number",
        "reviews.0.lastElapsedDays": "must be a whole number",
        "reviews.0.learningSteps": "must be a whole number",
        "reviews.0.rating": "must be 1 (Again) to 4 (Easy)",
        "reviews.0.review": "must be an ISO 8601 date-time",
        "reviews.0.scheduledDays": "must be a whole number",
        "reviews.0.stability": "must be a number",
        "reviews.0.state": "must be 0 (new), 1 (learning), 2 (review) or 3 (relearning)",
        "version": "must be 1: this SynAck reads version 1 files",
      }
    `);
  });

  it("rejects duplicate ids and answers pointing at a session the file lacks", () => {
    const bad = { ...valid, answers: [valid.answers[0], { ...valid.answers[0], sessionId: "nowhere" }] };
    expect(problems(bad)).toEqual({
      "answers.1.id": 'duplicate id "a1"',
      "answers.1.sessionId": 'no session "nowhere" in the file',
    });
  });

  it("rejects something that is not a progress file at all", () => {
    expect(Object.keys(problems({ hello: "world" })).sort()).toEqual(["answers", "cardStates", "exportedAt", "format", "learner", "reviews", "sessions", "version"]);
  });
});
