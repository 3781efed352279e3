import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { buildProgressReport } from "@/lib/progress/progress-report";
import { contentChecksum, storeContent } from "@/lib/server/content-store";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { readProgressRows } from "@/lib/server/progress-data";
import { checkProgressFile } from "@/lib/server/progress-file-check";
import { importProgress } from "@/lib/server/progress-transfer";
import { loadQuestionSource, type QuestionSource } from "@/lib/server/question-source";
import { answerQuestion, recentSessions, SessionError, sessionView } from "@/lib/server/quiz-store";
import { gradeCard, ReviewError, reviewStatus, undoLastReview } from "@/lib/server/review-store";
import { createTestDatabase } from "./test-database";

const NOW = new Date("2026-11-21T09:00:00Z");

const goodState = { due: "2026-11-20T09:00:00.000Z", stability: 3.2, difficulty: 5.1, elapsedDays: 1, scheduledDays: 2, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: "2026-11-18T09:00:00.000Z" };
const file = (rows: Partial<Record<"cardStates" | "reviews" | "sessions" | "answers", unknown[]>>) => ({
  format: "synack-progress",
  version: 1,
  exportedAt: "2026-11-21T00:00:00.000Z",
  learner: { displayName: null, newCardsPerDay: 20 },
  cardStates: [],
  reviews: [],
  sessions: [],
  answers: [],
  ...rows,
});
const session = (fields: Record<string, unknown> = {}) => ({
  id: "s1",
  mode: "quiz",
  config: "{}",
  questions: JSON.stringify([{ source: "generated", kind: "next-state", seed: 1 }]),
  createdAt: "2026-11-20T00:00:00.000Z",
  finishedAt: null,
  ...fields,
});
const answer = (fields: Record<string, unknown> = {}) => ({
  id: "a1",
  sessionId: "s1",
  position: 0,
  questionId: "q1",
  kind: "order",
  topics: "[]",
  tests: "[]",
  correct: false,
  score: 0,
  response: JSON.stringify({ kind: "order", order: ["a", "b"] }),
  createdAt: "2026-11-20T00:01:00.000Z",
  ...fields,
});
const review = (fields: Record<string, unknown> = {}) => ({
  id: "r1",
  cardId: "c1",
  rating: 3,
  state: 2,
  due: "2026-11-22T00:00:00.000Z",
  stability: 3,
  difficulty: 5,
  elapsedDays: 1,
  lastElapsedDays: 0,
  scheduledDays: 2,
  learningSteps: 0,
  review: "2026-11-20T00:00:00.000Z",
  before: JSON.stringify(goodState),
  ...fields,
});

async function problems(input: unknown): Promise<Record<string, string>> {
  const checked = await checkProgressFile(input);
  return "fields" in checked ? checked.fields : {};
}

describe("checkProgressFile: what an import refuses, by path (issue 10: files that broke pages for good)", () => {
  it("accepts a well-formed file", async () => {
    expect(await problems(file({ sessions: [session()], answers: [answer()], reviews: [review()], cardStates: [{ cardId: "c1", ...goodState }] }))).toEqual({});
  });

  it("a session whose config or questions would not parse on its page", async () => {
    expect(await problems(file({ sessions: [session({ config: "null" })] }))).toEqual({ "sessions.0.config": "Invalid input: expected object, received null" });
    expect(await problems(file({ sessions: [session({ questions: "null" })] }))).toEqual({ "sessions.0.questions": "Invalid input: expected array, received null" });
    expect(await problems(file({ sessions: [session({ questions: "[1]" })] }))).toEqual({ "sessions.0.questions.0": "Invalid input: expected object, received number" });
    expect(await problems(file({ sessions: [session({ config: '{"length":2,"colour":"red"}', mode: "exam" })] }))).toEqual({
      "sessions.0.mode": "must be one of: quiz, interview",
      "sessions.0.config": 'Unrecognized key: "colour"',
      "sessions.0.config.length": "at least 3 questions",
    });
  });

  it("an answer whose response the checker could not take", async () => {
    expect(await problems(file({ sessions: [session()], answers: [answer({ response: '{"kind":"order","order":"a,b"}' })] }))).toEqual({
      "answers.0.response.order": "Invalid input: expected array, received string",
    });
    expect(await problems(file({ sessions: [session()], answers: [answer({ response: "not json" })] }))).toEqual({ "answers.0.response": "must be a string holding JSON" });
  });

  it("a review whose state before it could not be restored by undo", async () => {
    expect(await problems(file({ reviews: [review({ before: "{}" })] }))).toMatchInlineSnapshot(`
      {
        "reviews.0.before.difficulty": "must be a number",
        "reviews.0.before.due": "must be an ISO 8601 date-time",
        "reviews.0.before.elapsedDays": "must be a whole number",
        "reviews.0.before.lapses": "must be a whole number",
        "reviews.0.before.lastReview": "must be an ISO 8601 date-time",
        "reviews.0.before.learningSteps": "must be a whole number",
        "reviews.0.before.reps": "must be a whole number",
        "reviews.0.before.scheduledDays": "must be a whole number",
        "reviews.0.before.stability": "must be a number",
        "reviews.0.before.state": "must be 0 (new), 1 (learning), 2 (review) or 3 (relearning)",
      }
    `);
  });

  it("a scheduling state the FSRS scheduler would throw on, and counts one more review would overflow", async () => {
    const bad = { cardId: "c1", ...goodState, difficulty: 0.5, reps: 2 ** 31 - 1 };
    expect(await problems(file({ cardStates: [bad] }))).toEqual({
      "cardStates.0.reps": "must be at most 10000000",
      "cardStates.0.stability": "stability and difficulty must both be 0 (not yet scheduled), or difficulty 1 to 10 with stability 0.001 to 36500",
    });
    expect(await problems(file({ reviews: [review({ before: JSON.stringify({ ...goodState, stability: -1 }) })] }))).toEqual({
      "reviews.0.before.stability": "stability and difficulty must both be 0 (not yet scheduled), or difficulty 1 to 10 with stability 0.001 to 36500",
    });
  });

  it("ids and text holding a lone UTF-16 surrogate, escaped in the file or inside a JSON column", async () => {
    expect(await problems(file({ reviews: [review({ id: "r\ud800" })], cardStates: [{ ...goodState, cardId: "\udfff" }] }))).toEqual({
      "cardStates.0.cardId": "must be valid Unicode text (it holds a lone UTF-16 surrogate)",
      "reviews.0.id": "must be valid Unicode text (it holds a lone UTF-16 surrogate)",
    });
    expect(await problems(file({ sessions: [session()], answers: [answer({ response: '{"kind":"choice","choice":"\\ud800"}' })] }))).toEqual({
      "answers.0.response.choice": "must be valid Unicode text (it holds a lone UTF-16 surrogate)",
    });
  });

  it("dates the calendar and the database cannot place", async () => {
    expect(await problems(file({ reviews: [review({ review: "9999-12-31T23:00:00-05:00", due: "1969-12-31T23:59:59Z" })] }))).toEqual({
      "reviews.0.review": "must be from 1970-01-01 to 9999-12-29",
      "reviews.0.due": "must be from 1970-01-01 to 9999-12-29",
    });
  });

  it("lists at most 100 problems of a file of garbage, and says there are more", async () => {
    const fields = await problems(file({ reviews: Array.from({ length: 5_000 }, (_, i) => ({ id: `r${i}` })) }));
    expect(Object.keys(fields)).toHaveLength(101);
    expect(fields.more).toBe("further problems are not listed: fix these first");
  });

  it("something that is not a progress file at all", async () => {
    expect(Object.keys(await problems({ hello: "world" })).sort()).toEqual(["answers", "cardStates", "exportedAt", "format", "learner", "reviews", "sessions", "version"]);
    expect(await problems(null)).toEqual({ body: "Invalid input: expected object, received null" });
  });
});

/*
 * The property the issue asks for: whatever a file holds, if the import
 * accepts it, every page that reads it back still works. Files are drawn
 * from valid and broken values of every column (the broken ones are the
 * shapes that once made pages fail for good).
 */
describe("any file the import accepts leaves every page working", () => {
  let db: PrismaClient;
  let source: QuestionSource;
  let cards: string[];

  beforeAll(async () => {
    ({ db } = createTestDatabase());
    const files = loadContentFiles("content");
    await storeContent(db, checkContent(files), contentChecksum(files));
    source = await loadQuestionSource(db);
    cards = (await db.card.findMany({ where: { active: true }, select: { id: true }, take: 3, orderBy: { id: "asc" } })).map((card) => card.id);
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  /** Mostly one of the valid values, sometimes a broken one: a file is refused when any field is, so broken values must stay rare. */
  const mostly = <T,>(valid: fc.Arbitrary<T>, broken: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: broken, weight: 1 });
  const date = mostly(
    fc.oneof(
      fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-29T23:59:59Z"), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom("2026-11-21T08:00:00.000Z", "2026-11-21T09:00:00.000Z", "2030-01-01T00:00:00+08:00", "1970-01-01T00:00:00Z", "9999-12-29T23:59:59Z"),
    ),
    fc.constantFrom("yesterday", "0000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00", "9999-12-31T23:59:59Z"),
  );
  const number = fc.oneof(fc.constantFrom(0, 1, 3.5, 10, 36_500, 0.001, 0.0005, -1, 11, 2 ** 31 - 1), fc.double({ noNaN: true, min: 0, max: 40_000 }));
  const memory = mostly(
    fc.oneof(fc.constant({ stability: 0, difficulty: 0 }), fc.record({ stability: fc.double({ min: 0.001, max: 36_500, noNaN: true }), difficulty: fc.double({ min: 1, max: 10, noNaN: true }) })),
    fc.record({ stability: number, difficulty: number }),
  );
  const count = mostly(fc.nat(50), fc.constantFrom(-1, 2 ** 31 - 1, 1.5));
  const schedule = fc
    .record({ due: date, memory, elapsedDays: count, scheduledDays: count, learningSteps: fc.nat(3), reps: count, lapses: count, state: mostly(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 4)), lastReview: fc.option(date) })
    .map(({ memory: m, ...state }) => ({ ...state, ...m }));
  const json = fc.oneof(fc.constantFrom("null", "{}", "[]", "[1]", '"x"', "not json", "1"), fc.jsonValue().map((value) => JSON.stringify(value)));
  const cardId = fc.oneof(fc.constantFrom("c1", "c2"), fc.integer({ min: 0, max: 2 }).map((i) => `real:${i}`));
  const config = mostly(fc.constantFrom("{}", '{"mode":"interview","length":6,"minutes":10}', '{"topics":["close"],"length":3}', '{"quizId":"handshake-basics"}'), json);
  const refs = mostly(
    fc
      .array(
        fc.oneof(
          fc.record({ source: fc.constant("generated"), kind: fc.constantFrom("next-state", "order", "match", "segment", "why", "trace-gap", "seq-arith"), seed: fc.nat() }),
          fc.record({ source: fc.constant("quiz"), quizId: fc.constantFrom("handshake-basics", "gone"), questionId: fc.string() }),
          fc.record({ source: fc.constant("card"), cardId: fc.string(), part: fc.constantFrom("question", "follow-up") }),
        ),
        { maxLength: 4 },
      )
      .map((list) => JSON.stringify(list)),
    json,
  );
  const response = mostly(
    fc.constantFrom(
      '{"kind":"choice","choice":"LISTEN"}',
      '{"kind":"order","order":["a","b"]}',
      '{"kind":"match","pairs":{"a":"b"}}',
      '{"kind":"segment","flags":"SYN","seq":1,"ack":null}',
      '{"kind":"number","value":"12"}',
      '{"kind":"self-grade","covered":[0,1],"text":"x"}',
      '{"kind":"state","state":"CLOSED"}',
    ),
    fc.oneof(fc.constant('{"kind":"order","order":"a"}'), json),
  );
  const progressFile = fc.record({
    sessions: fc.uniqueArray(
      fc.record({ id: fc.constantFrom("s1", "s2"), mode: mostly(fc.constantFrom("quiz", "interview"), fc.constant("exam")), config, questions: refs, createdAt: date, finishedAt: fc.option(date) }),
      { maxLength: 2, selector: (row) => row.id },
    ),
    answers: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom("a1", "a2", "a3"),
        sessionId: fc.option(fc.constantFrom("s1", "s2")),
        position: fc.option(fc.nat(5)),
        questionId: fc.constant("q"),
        kind: fc.constant("k"),
        topics: mostly(fc.constantFrom("[]", '["close"]'), fc.constant("{}")),
        tests: mostly(fc.constantFrom("[]", '["LISTEN|rcv SYN"]'), fc.constant("null")),
        correct: fc.boolean(),
        score: mostly(fc.constantFrom(0, 0.5, 1), fc.constant(2)),
        response,
        createdAt: date,
      }),
      { maxLength: 3, selector: (row) => row.id },
    ),
    reviews: fc.uniqueArray(
      fc
        .record({
          id: fc.constantFrom("r1", "r2", "r3"),
          cardId,
          rating: mostly(fc.integer({ min: 1, max: 4 }), fc.constant(0)),
          state: fc.integer({ min: 0, max: 3 }),
          due: date,
          elapsedDays: fc.nat(10),
          lastElapsedDays: fc.nat(10),
          scheduledDays: fc.nat(10),
          learningSteps: fc.nat(2),
          review: date,
          stability: number,
          difficulty: number,
          before: fc.option(mostly(schedule.map((state) => JSON.stringify(state)), json)),
          createdAt: date,
        }),
      { maxLength: 3, selector: (row) => row.id },
    ),
    cardStates: fc.uniqueArray(fc.tuple(cardId, schedule).map(([id, state]) => ({ cardId: id, ...state })), { maxLength: 3, selector: (row) => row.cardId }),
  });

  it("sessions, answers, the quiz list, the progress report, the review queue, undo and grading", async () => {
    let accepted = 0;
    let learners = 0;
    await fc.assert(
      fc.asyncProperty(progressFile, async (rows) => {
        const real = (id: string) => (id.startsWith("real:") ? cards[Number(id.slice(5))]! : id);
        const sessionIds = new Set(rows.sessions.map((session) => session.id));
        const input = file({
          ...rows,
          // An answer pointing at a session the file lacks is refused (tested above); here it points at one it has, or none.
          answers: rows.answers.map((a) => ({ ...a, sessionId: a.sessionId !== null && sessionIds.has(a.sessionId) ? a.sessionId : null })),
          reviews: rows.reviews.map((r) => ({ ...r, cardId: real(r.cardId) })),
          cardStates: rows.cardStates.map((s) => ({ ...s, cardId: real(s.cardId) })),
        });
        const checked = await checkProgressFile(input);
        if (!("file" in checked)) return;
        accepted++;
        const learner = (await db.learner.create({ data: { tokenHash: `property-${learners++}` } })).id;
        await importProgress(db, learner, checked.file);
        for (const { id } of await db.studySession.findMany({ where: { learnerId: learner }, select: { id: true } })) {
          const view = await sessionView(db, learner, id, source);
          for (const { position } of view.questions) {
            await answerQuestion(db, learner, id, position, { kind: "choice", choice: "x" }, source, NOW).catch((error) => {
              if (!(error instanceof SessionError)) throw error;
            });
          }
        }
        await recentSessions(db, learner);
        buildProgressReport(await readProgressRows(db, learner), NOW, "Asia/Shanghai");
        for (let i = 0; i < 4; i++) {
          const status = await reviewStatus(db, learner, NOW);
          if (status.card) await gradeCard(db, learner, status.card.id, "good", NOW);
        }
        for (const cardId of cards) await gradeCard(db, learner, cardId, "again", NOW);
        for (;;) {
          const undone = await undoLastReview(db, learner).catch((error) => {
            if (error instanceof ReviewError) return null;
            throw error;
          });
          if (undone === null) break;
        }
      }),
      { numRuns: 120, seed: 10 },
    );
    expect(accepted).toBeGreaterThan(30);
  }, 180_000);
});
