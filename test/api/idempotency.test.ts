import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { databaseDigest, learnerWithCookie, useAppDatabase } from "./app-database";
import { callRoute, ORIGIN, type RouteReply } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/*
 * Issue 10: a write sent twice (a retry after a network error, a double
 * click) was stored twice. With an Idempotency-Key header the first request
 * writes and its answer is kept with the key; the same key again, one after
 * the other or at the same moment, gets that answer and stores nothing. The
 * same key with another body is a 422. Without a key nothing changes.
 */

let db: PrismaClient;
let databaseUrl: string;
let cardIds: string[];
let api: {
  grade: typeof import("@/app/api/review/grade/route");
  undo: typeof import("@/app/api/review/undo/route");
  sessions: typeof import("@/app/api/sessions/route");
  answer: typeof import("@/app/api/sessions/[id]/answer/route");
};

beforeAll(async () => {
  ({ db, url: databaseUrl } = await useAppDatabase());
  cardIds = (await db.card.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" }, take: 10 })).map((card) => card.id);
  api = {
    grade: await import("@/app/api/review/grade/route"),
    undo: await import("@/app/api/review/undo/route"),
    sessions: await import("@/app/api/sessions/route"),
    answer: await import("@/app/api/sessions/[id]/answer/route"),
  };
});
afterAll(async () => {
  await db.$disconnect();
});

const post = (path: string, cookie: string, body: unknown, key?: string) =>
  new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...(key === undefined ? {} : { "idempotency-key": key }) },
    body: JSON.stringify(body),
  });

const grade = (cookie: string, body: unknown, key?: string) => callRoute(api.grade.POST, post("/api/review/grade", cookie, body, key));
const replayed = (reply: RouteReply) => reply.headers.get("idempotent-replayed") === "true";

async function counts(learnerId: string) {
  return {
    reviews: await db.reviewLog.count({ where: { learnerId } }),
    sessions: await db.studySession.count({ where: { learnerId } }),
    answers: await db.answer.count({ where: { learnerId } }),
    keys: await db.idempotencyKey.count({ where: { learnerId } }),
  };
}

describe("POST /api/review/grade with an Idempotency-Key", () => {
  it("a retry after the first answer gets the same answer, marked replayed, and stores nothing", async () => {
    const learner = await learnerWithCookie(db, "sequential");
    const body = { cardId: cardIds[0], grade: "good", tz: -480 };
    const first = await grade(learner.cookie, body, "key-1");
    const again = await grade(learner.cookie, body, "key-1");
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(replayed(first)).toBe(false);
    expect(replayed(again)).toBe(true);
    expect(await counts(learner.id)).toMatchObject({ reviews: 1, keys: 1 });
  });

  it("the draft's quoted form of a key is the same key as its bare form", async () => {
    const learner = await learnerWithCookie(db, "quoted");
    const body = { cardId: cardIds[1], grade: "easy" };
    const first = await grade(learner.cookie, body, '"8e03978e-40d5-43e8-bc93-6894a57f9324"');
    const again = await grade(learner.cookie, body, "8e03978e-40d5-43e8-bc93-6894a57f9324");
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.text).toBe(first.text);
    expect(await counts(learner.id)).toMatchObject({ reviews: 1, keys: 1 });
  });

  it("ten identical requests sent at the same moment store one grade and all get its answer", async () => {
    const learner = await learnerWithCookie(db, "simultaneous");
    const body = { cardId: cardIds[2], grade: "hard" };
    const replies = await Promise.all(Array.from({ length: 10 }, () => grade(learner.cookie, body, "same-moment")));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
    expect(new Set(replies.map((reply) => reply.text)).size).toBe(1);
    expect(await counts(learner.id)).toMatchObject({ reviews: 1, keys: 1 });
  });

  it("the same key with another body is a 422 that stores nothing", async () => {
    const learner = await learnerWithCookie(db, "mismatch");
    expect((await grade(learner.cookie, { cardId: cardIds[3], grade: "good" }, "reused")).status).toBe(200);
    const before = await databaseDigest(databaseUrl);
    const other = await grade(learner.cookie, { cardId: cardIds[3], grade: "again" }, "reused");
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ error: expect.stringContaining("different request"), fields: { "Idempotency-Key": expect.any(String) } });
    expect(await databaseDigest(databaseUrl)).toBe(before);
  });

  it("the same key on another route is a 422: a key names one request, not one learner's action anywhere", async () => {
    const learner = await learnerWithCookie(db, "other-route");
    expect((await grade(learner.cookie, { cardId: cardIds[4], grade: "good" }, "shared")).status).toBe(200);
    const undone = await callRoute(api.undo.POST, post("/api/review/undo", learner.cookie, {}, "shared"));
    expect(undone.status).toBe(422);
    expect(await counts(learner.id)).toMatchObject({ reviews: 1, keys: 1 });
  });

  it("keys are each learner's own: another learner's same key is a new request", async () => {
    const [ada, bo] = [await learnerWithCookie(db, "ada"), await learnerWithCookie(db, "bo")];
    const body = { cardId: cardIds[5], grade: "good" };
    expect((await grade(ada.cookie, body, "k")).status).toBe(200);
    expect((await grade(bo.cookie, body, "k")).status).toBe(200);
    expect(await counts(ada.id)).toMatchObject({ reviews: 1, keys: 1 });
    expect(await counts(bo.id)).toMatchObject({ reviews: 1, keys: 1 });
  });

  it.each([
    ["empty", ""],
    ["too long", "k".repeat(256)],
    ["a space inside", "two words"],
    ["non-ASCII", "clé"],
    ["a quote inside", 'a"b'],
  ])("a key that is %s is a 400 that stores nothing", async (_, key) => {
    const learner = await learnerWithCookie(db, `bad-key-${key.length}-${key.charCodeAt(1)}`);
    const before = await databaseDigest(databaseUrl);
    const reply = await grade(learner.cookie, { cardId: cardIds[6], grade: "good" }, key);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ fields: { "Idempotency-Key": expect.stringContaining("visible ASCII") } });
    expect(await databaseDigest(databaseUrl)).toBe(before);
  });

  it("without a key, two identical grades are two grades, as before", async () => {
    const learner = await learnerWithCookie(db, "no-key");
    const body = { cardId: cardIds[7], grade: "good" };
    await Promise.all([grade(learner.cookie, body), grade(learner.cookie, body)]);
    expect(await counts(learner.id)).toMatchObject({ reviews: 2, keys: 0 });
  });

  it("a key older than 24 hours is forgotten: the request is new again, and old keys are pruned", async () => {
    const learner = await learnerWithCookie(db, "old-key");
    const body = { cardId: cardIds[8], grade: "good" };
    expect((await grade(learner.cookie, body, "yesterday")).status).toBe(200);
    const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000 - 60_000);
    await db.idempotencyKey.updateMany({ where: { learnerId: learner.id }, data: { createdAt: dayAgo } });
    const stale = await learnerWithCookie(db, "stale-keys");
    await db.idempotencyKey.create({ data: { learnerId: stale.id, key: "ancient", fingerprint: "x", status: 200, body: "{}", createdAt: dayAgo } });
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    try {
      const again = await grade(learner.cookie, body, "yesterday");
      expect(again.status).toBe(200);
      expect(replayed(again)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
    expect(await counts(learner.id)).toMatchObject({ reviews: 2, keys: 1 });
    expect(await db.idempotencyKey.count({ where: { learnerId: stale.id } })).toBe(0);
  });
});

describe("the other writes a client may retry", () => {
  it("POST /api/sessions: the same key twice makes one session and answers its id twice (201)", async () => {
    const learner = await learnerWithCookie(db, "sessions");
    const body = { mode: "quiz", topics: [], length: 3, weakSpots: false, kinds: ["next-state"] };
    const [first, second] = await Promise.all([0, 1].map(() => callRoute(api.sessions.POST, post("/api/sessions", learner.cookie, body, "new-quiz"))));
    expect([first!.status, second!.status]).toEqual([201, 201]);
    expect(second!.json).toEqual(first!.json);
    expect(await counts(learner.id)).toMatchObject({ sessions: 1, keys: 1 });
  });

  it("POST /api/sessions with a file quiz: a retry is answered from its key, and the key with another quiz is a 422", async () => {
    const learner = await learnerWithCookie(db, "file-quiz");
    const start = (quizId: string) => callRoute(api.sessions.POST, post("/api/sessions", learner.cookie, { mode: "quiz", quizId }, "file-quiz-start"));
    const first = await start("handshake-basics");
    const again = await start("handshake-basics");
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json).toEqual(first.json);
    expect([replayed(first), replayed(again)]).toEqual([false, true]);
    expect((await start("close-and-time-wait")).status).toBe(422);
    expect(await counts(learner.id)).toMatchObject({ sessions: 1, keys: 1 });
  });

  it("POST /api/sessions/:id/answer: one answer stored; a refused answer (no such question) keeps no key", async () => {
    const learner = await learnerWithCookie(db, "answers");
    const created = await callRoute(api.sessions.POST, post("/api/sessions", learner.cookie, { length: 3, kinds: ["next-state"] }));
    const id = (created.json as { id: string }).id;
    const answer = (position: number, key: string) =>
      callRoute(api.answer.POST, post(`/api/sessions/${id}/answer`, learner.cookie, { position, response: { kind: "choice", choice: "LISTEN" } }, key), { id });
    const replies = await Promise.all([answer(0, "a0"), answer(0, "a0"), answer(0, "a0")]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(new Set(replies.map((reply) => reply.text)).size).toBe(1);
    expect((await answer(99, "a99")).status).toBe(404);
    expect(await counts(learner.id)).toMatchObject({ answers: 1, keys: 1 });
  });

  it("POST /api/review/undo: a retried undo takes back one grade, not two", async () => {
    const learner = await learnerWithCookie(db, "undo");
    for (const cardId of cardIds.slice(0, 2)) expect((await grade(learner.cookie, { cardId, grade: "good" })).status).toBe(200);
    const undo = () => callRoute(api.undo.POST, post("/api/review/undo", learner.cookie, {}, "undo-once"));
    const [first, second] = [await undo(), await undo()];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.text).toBe(first.text);
    expect(await counts(learner.id)).toMatchObject({ reviews: 1, keys: 1 });
  });
});
