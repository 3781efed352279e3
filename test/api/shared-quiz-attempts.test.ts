import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { seedSharedQuiz } from "../server/shared-quiz-seed";
import { databaseDigest, learnerWithCookie, useAppDatabase } from "./app-database";
import { callRoute, ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/* Issue 11: POST /api/q/:code/attempts, called in-process on a real database. */

let db: PrismaClient;
let databaseUrl: string;
let api: { attempts: typeof import("@/app/api/q/[code]/attempts/route"); answer: typeof import("@/app/api/sessions/[id]/answer/route") };

beforeAll(async () => {
  ({ db, url: databaseUrl } = await useAppDatabase());
  api = { attempts: await import("@/app/api/q/[code]/attempts/route"), answer: await import("@/app/api/sessions/[id]/answer/route") };
});
afterAll(async () => {
  await db.$disconnect();
});

type Handler = Parameters<typeof callRoute>[0];

function startRequest(code: string, body: unknown, headers: Record<string, string> = {}) {
  return callRoute(
    api.attempts.POST as unknown as Handler,
    new Request(`${ORIGIN}/api/q/${code}/attempts`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }),
    { code } as unknown as { id: string },
  );
}

describe("POST /api/q/:code/attempts", () => {
  it("a bad name is a 400 naming the field, and stores nothing", async () => {
    const { code } = await seedSharedQuiz(db);
    const before = await databaseDigest(databaseUrl);
    for (const body of [{ name: "" }, { name: "   " }, { name: "x".repeat(61) }, {}, { name: 7 }, { name: "Ada", extra: 1 }, { name: "A\u0000da" }]) {
      const reply = await startRequest(code, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((reply.json as { fields: Record<string, string> }).fields), JSON.stringify(body)).toEqual([Object.hasOwn(body, "extra") ? "body" : "name"]);
    }
    expect(await databaseDigest(databaseUrl)).toBe(before);
  });

  it("an unknown code is a 404", async () => {
    expect((await startRequest("NOSUCHCODE", { name: "Ada" })).status).toBe(404);
    expect((await startRequest("bad%20code!", { name: "Ada" })).status).toBe(404);
  });

  it("starts an attempt with the trimmed name (code letter case ignored) and sets the learner cookie", async () => {
    const { code, versionId } = await seedSharedQuiz(db, { settings: { timeLimitMinutes: 10 } });
    const reply = await startRequest(code.toLowerCase(), { name: "  Ada Lovelace " });
    expect(reply.status).toBe(201);
    expect(reply.cookies.has("synack_learner")).toBe(true);
    const { id, attempt } = reply.json as { id: string; attempt: number };
    expect(attempt).toBe(1);
    const session = await db.studySession.findUniqueOrThrow({ where: { id } });
    expect(session).toMatchObject({ mode: "quiz", quizVersionId: versionId, attempt: 1, studentName: "Ada Lovelace" });
    expect(session.config).toEqual({ mode: "quiz", quizId: `version:${versionId}`, minutes: 10 });
    expect(session.deadline!.getTime() - session.createdAt.getTime()).toBe(10 * 60_000);
  });

  it("refuses with 409 and the rule's code: closed, not open yet, unpublished, archived, attempts used up", async () => {
    const cases = [
      [{ settings: { closes: "2020-01-01T00:00:00Z" } }, "closed"],
      [{ settings: { opens: "2999-01-01T00:00:00Z" } }, "not-open"],
      [{ live: false }, "unavailable"],
      [{ archived: true }, "unavailable"],
    ] as const;
    for (const [options, refusal] of cases) {
      const { code } = await seedSharedQuiz(db, options);
      const reply = await startRequest(code, { name: "Ada" });
      expect(reply.status, refusal).toBe(409);
      expect(reply.json, refusal).toMatchObject({ code: refusal });
      // Nobody was created for a refused start.
      expect(reply.cookies.has("synack_learner")).toBe(false);
    }
    const { code } = await seedSharedQuiz(db, { settings: { attempts: 1 } });
    const learner = await learnerWithCookie(db, "api-attempts-limit");
    expect((await startRequest(code, { name: "Ada" }, { cookie: learner.cookie })).status).toBe(201);
    const again = await startRequest(code, { name: "Ada" }, { cookie: learner.cookie });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: "no-attempts-left" });
  });

  it("a retry with the same Idempotency-Key gets the same attempt, not a second one", async () => {
    const { code, versionId } = await seedSharedQuiz(db, { settings: { attempts: 1 } });
    const learner = await learnerWithCookie(db, "api-attempts-retry");
    const headers = { cookie: learner.cookie, "idempotency-key": "start-1" };
    const [first, second] = await Promise.all([startRequest(code, { name: "Ada" }, headers), startRequest(code, { name: "Ada" }, headers)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json).toEqual(first.json);
    expect([first, second].filter((reply) => reply.headers.get("idempotent-replayed") === "true")).toHaveLength(1);
    expect(await db.studySession.count({ where: { learnerId: learner.id, quizVersionId: versionId } })).toBe(1);
  });

  it("a retry after its start succeeded is answered from its key, though that start used the one attempt", async () => {
    const { code, versionId } = await seedSharedQuiz(db, { settings: { attempts: 1 } });
    const learner = await learnerWithCookie(db, "api-attempts-retry-after");
    const headers = { cookie: learner.cookie, "idempotency-key": "start-after" };
    const first = await startRequest(code, { name: "Ada" }, headers);
    const again = await startRequest(code, { name: "Ada" }, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // A new start (a new key) is refused: the attempt is used.
    const fresh = await startRequest(code, { name: "Ada" }, { cookie: learner.cookie, "idempotency-key": "start-new" });
    expect(fresh.status).toBe(409);
    expect(fresh.json).toMatchObject({ code: "no-attempts-left" });
    expect(await db.studySession.count({ where: { learnerId: learner.id, quizVersionId: versionId } })).toBe(1);
  });

  it("a retry after the quiz was unpublished still gets its start's answer; the same key with another name is a 422", async () => {
    const { code, quizId } = await seedSharedQuiz(db);
    const learner = await learnerWithCookie(db, "api-attempts-retry-unpublished");
    const headers = { cookie: learner.cookie, "idempotency-key": "start-then-unpublished" };
    const first = await startRequest(code, { name: "Ada" }, headers);
    expect(first.status).toBe(201);
    await db.instructorQuiz.update({ where: { id: quizId }, data: { liveVersionId: null } });
    const again = await startRequest(code, { name: "Ada" }, headers);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect((await startRequest(code, { name: "Grace" }, headers)).status).toBe(422);
    expect((await startRequest(code, { name: "Ada" }, { cookie: learner.cookie })).json).toMatchObject({ code: "unavailable" });
  });

  it("an answer after the deadline is a 409 time-up through the answer route, and closes the attempt", async () => {
    const { code } = await seedSharedQuiz(db, { settings: { timeLimitMinutes: 1 } });
    const learner = await learnerWithCookie(db, "api-attempts-late");
    const { id } = (await startRequest(code, { name: "Ada" }, { cookie: learner.cookie })).json as { id: string };
    const deadline = new Date(Date.now() - 60_000);
    await db.studySession.update({ where: { id }, data: { deadline } });
    const reply = await callRoute(
      api.answer.POST,
      new Request(`${ORIGIN}/api/sessions/${id}/answer`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: learner.cookie },
        body: JSON.stringify({ position: 0, response: { kind: "choice", choice: "false" } }),
      }),
      { id },
    );
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({ code: "time-up" });
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(0);
    expect((await db.studySession.findUniqueOrThrow({ where: { id } })).finishedAt).toEqual(deadline);
  });
});
