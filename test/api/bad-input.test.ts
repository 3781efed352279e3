import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { jsonOf } from "@/lib/server/json-column";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { classQuizDefinition, seedSharedQuiz } from "../server/shared-quiz-seed";
import { databaseDigest, instructorWithCookie, learnerWithCookie, useAppDatabase } from "./app-database";
import { callRoute, chunkedBody, ORIGIN, streamed, type RouteReply } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/*
 * Issue 10: 8 of 3,334 malformed requests were answered 500. Here every
 * route handler in app/api gets malformed, oversized, wrong-typed and
 * wrong-encoding bodies and path ids, generated and targeted (each case the
 * issue names among them), through its exported GET/POST with a real
 * Request and a real database. Every answer must be a 4xx with a JSON
 * error naming what is wrong, and nothing stored may change.
 */

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

interface Route {
  name: string;
  file: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: (id: string) => string;
  handler: Handler;
  /** A body the route accepts, which the cases below break; undefined for routes that take none. */
  valid?: () => Record<string, unknown>;
  /** Keys whose value may be null, so null is not a wrong type for them. */
  nullable?: string[];
  /** A POST that takes no body (nothing, or {}): a body of any other kind is refused. */
  noBody?: boolean;
  /** The cookie the route's caller sends: an instructor's for instructor routes; the learner's when unset. */
  cookie?: string;
  /** The id in the path when a case does not vary it: the instructor's quiz for its routes; the learner's session when unset. */
  id?: string;
  /** The route's own body limit, when it is not the default 128 KiB. */
  maxBytes?: number;
  /**
   * Keys whose content the route takes as written (a quiz draft is saved, and
   * checked, whatever its fields hold; the check reports them): a wrong type
   * inside is not refused, so only the key itself is broken.
   */
  freeForm?: string[];
}

let db: PrismaClient;
let databaseUrl: string;
let cookie: string;
let sessionId: string;
let cardId: string;
let instructorCookie: string;
let quizId: string;
let routes: Route[];
let sent = 0;

beforeAll(async () => {
  ({ db, url: databaseUrl } = await useAppDatabase());
  const learner = await learnerWithCookie(db, "bad-input-learner");
  cookie = learner.cookie;
  cardId = (await db.card.findFirstOrThrow({ where: { active: true }, orderBy: { id: "asc" } })).id;
  sessionId = (
    await db.studySession.create({
      data: { learnerId: learner.id, mode: "quiz", config: {}, questions: [{ source: "generated", kind: "next-state", seed: 1 }] },
    })
  ).id;
  const at = new Date("2026-11-20T09:00:00Z");
  await db.cardState.create({ data: { learnerId: learner.id, cardId, due: at, stability: 3, difficulty: 5, elapsedDays: 1, scheduledDays: 2, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: at } });
  await db.reviewLog.create({
    data: { learnerId: learner.id, cardId, rating: 3, state: 2, due: at, stability: 3, difficulty: 5, elapsedDays: 1, lastElapsedDays: 0, scheduledDays: 2, learningSteps: 0, review: at, before: Prisma.DbNull, createdAt: at },
  });
  await db.answer.create({
    data: { learnerId: learner.id, sessionId, position: 0, questionId: "q", kind: "next-state", topics: ["close"], tests: [], correct: true, score: 1, response: { kind: "choice", choice: "LISTEN" }, createdAt: at },
  });
  const exported = (await import("@/lib/server/progress-transfer")).exportProgress;
  const file = JSON.parse(JSON.stringify(await exported(db, learner.id, new Date("2026-11-21T09:00:00Z"))));
  const api = {
    profile: await import("@/app/api/profile/route"),
    preferences: await import("@/app/api/preferences/route"),
    review: await import("@/app/api/review/route"),
    health: await import("@/app/api/health/route"),
    grade: await import("@/app/api/review/grade/route"),
    undo: await import("@/app/api/review/undo/route"),
    exportRoute: await import("@/app/api/progress/export/route"),
    importRoute: await import("@/app/api/progress/import/route"),
    sessions: await import("@/app/api/sessions/route"),
    session: await import("@/app/api/sessions/[id]/route"),
    finish: await import("@/app/api/sessions/[id]/finish/route"),
    answer: await import("@/app/api/sessions/[id]/answer/route"),
    attempts: await import("@/app/api/q/[code]/attempts/route"),
  };
  const instructorRoutes = {
    login: await import("@/app/api/instructor/login/route"),
    logout: await import("@/app/api/instructor/logout/route"),
    password: await import("@/app/api/instructor/password/route"),
    quizzes: await import("@/app/api/instructor/quizzes/route"),
    quiz: await import("@/app/api/instructor/quizzes/[id]/route"),
    check: await import("@/app/api/instructor/quizzes/[id]/check/route"),
    archive: await import("@/app/api/instructor/quizzes/[id]/archive/route"),
    publish: await import("@/app/api/instructor/quizzes/[id]/publish/route"),
    unpublish: await import("@/app/api/instructor/quizzes/[id]/unpublish/route"),
    download: await import("@/app/api/instructor/quizzes/[id]/download/route"),
    results: await import("@/app/api/instructor/quizzes/[id]/results.csv/route"),
    exportQuiz: await import("@/app/api/instructor/quizzes/[id]/export/route"),
    importQuiz: await import("@/app/api/instructor/quizzes/import/route"),
    exportDecks: await import("@/app/api/instructor/decks/export/route"),
    captures: await import("@/app/api/instructor/captures/route"),
    capture: await import("@/app/api/instructor/captures/[id]/route"),
  };
  const instructor = await instructorWithCookie(db, "bad-input-instructor");
  instructorCookie = instructor.cookie;
  // Logout gets a session of its own: were one accepted by mistake, the other routes would not all turn into 401s that pass for refusals.
  const logoutCookie = (await instructorWithCookie(db, "bad-input-instructor-logout", instructor.id)).cookie;
  quizId = (await db.instructorQuiz.create({ data: { instructorId: instructor.id, definition: jsonOf(classQuizDefinition()) } })).id;
  const { code } = await seedSharedQuiz(db);
  routes = [
    { name: "POST /api/profile", file: "profile/route.ts", method: "POST", path: () => "/api/profile", handler: api.profile.POST, valid: () => ({ displayName: "Ada", newCardsPerDay: 20 }), nullable: ["displayName"] },
    { name: "POST /api/preferences", file: "preferences/route.ts", method: "POST", path: () => "/api/preferences", handler: api.preferences.POST, valid: () => ({ lang: "en", theme: "dark" }) },
    { name: "GET /api/review", file: "review/route.ts", method: "GET", path: () => "/api/review?tz=-480", handler: api.review.GET },
    { name: "GET /api/health", file: "health/route.ts", method: "GET", path: () => "/api/health", handler: api.health.GET },
    { name: "POST /api/review/grade", file: "review/grade/route.ts", method: "POST", path: () => "/api/review/grade", handler: api.grade.POST, valid: () => ({ cardId, grade: "good", tz: -480 }) },
    { name: "POST /api/review/undo", file: "review/undo/route.ts", method: "POST", path: () => "/api/review/undo", handler: api.undo.POST, valid: () => ({ tz: 0 }) },
    { name: "GET /api/progress/export", file: "progress/export/route.ts", method: "GET", path: () => "/api/progress/export", handler: api.exportRoute.GET },
    {
      name: "POST /api/progress/import",
      file: "progress/import/route.ts",
      method: "POST",
      path: () => "/api/progress/import",
      handler: api.importRoute.POST,
      valid: () => structuredClone(file),
      nullable: ["learner.displayName"],
    },
    {
      name: "POST /api/sessions",
      file: "sessions/route.ts",
      method: "POST",
      path: () => "/api/sessions",
      handler: api.sessions.POST,
      valid: () => ({ mode: "quiz", topics: ["close"], length: 5, weakSpots: false }),
    },
    { name: "GET /api/sessions/:id", file: "sessions/[id]/route.ts", method: "GET", path: (id) => `/api/sessions/${id}`, handler: api.session.GET },
    { name: "POST /api/sessions/:id/finish", file: "sessions/[id]/finish/route.ts", method: "POST", path: (id) => `/api/sessions/${id}/finish`, handler: api.finish.POST },
    {
      name: "POST /api/sessions/:id/answer",
      file: "sessions/[id]/answer/route.ts",
      method: "POST",
      path: (id) => `/api/sessions/${id}/answer`,
      handler: api.answer.POST,
      valid: () => ({ position: 0, response: { kind: "choice", choice: "LISTEN" } }),
    },
    {
      name: "POST /api/q/:code/attempts",
      file: "q/[code]/attempts/route.ts",
      method: "POST",
      path: () => `/api/q/${code}/attempts`,
      // The harness hands every route an `id`; this one's segment is its code.
      handler: (request, context) => api.attempts.POST(request, { params: context.params.then(() => ({ code })) }),
      valid: () => ({ name: "Ada" }),
    },
    // Only broken bodies reach login (the valid one is always broken first, or sent with a refused type or size), so no LoginAttempt is written either.
    {
      name: "POST /api/instructor/login",
      file: "instructor/login/route.ts",
      method: "POST",
      path: () => "/api/instructor/login",
      handler: instructorRoutes.login.POST,
      valid: () => ({ email: "nobody@example.edu", password: "not-the-password" }),
    },
    { name: "POST /api/instructor/logout", file: "instructor/logout/route.ts", method: "POST", path: () => "/api/instructor/logout", handler: instructorRoutes.logout.POST, noBody: true, cookie: logoutCookie },
    {
      name: "POST /api/instructor/password",
      file: "instructor/password/route.ts",
      method: "POST",
      path: () => "/api/instructor/password",
      handler: instructorRoutes.password.POST,
      valid: () => ({ current: "the-old-password", next: "a-new-password-long-enough" }),
      cookie: instructorCookie,
    },
    { name: "GET /api/instructor/quizzes", file: "instructor/quizzes/route.ts", method: "GET", path: () => "/api/instructor/quizzes?archived=1", handler: instructorRoutes.quizzes.GET, cookie: instructorCookie },
    {
      name: "POST /api/instructor/quizzes",
      file: "instructor/quizzes/route.ts",
      method: "POST",
      path: () => "/api/instructor/quizzes",
      handler: instructorRoutes.quizzes.POST,
      valid: () => ({ from: "blank" }),
      cookie: instructorCookie,
    },
    ...(
      [
        ["GET", "", instructorRoutes.quiz.GET],
        ["GET", "/download", instructorRoutes.download.GET],
        ["GET", "/results.csv", instructorRoutes.results.GET],
        ["GET", "/export", instructorRoutes.exportQuiz.GET],
        ["POST", "/publish", instructorRoutes.publish.POST],
        ["POST", "/unpublish", instructorRoutes.unpublish.POST],
      ] as const
    ).map(
      ([method, tail, handler]): Route => ({
        name: `${method} /api/instructor/quizzes/:id${tail}`,
        file: `instructor/quizzes/[id]${tail}/route.ts`,
        method,
        path: (id) => `/api/instructor/quizzes/${id}${tail}`,
        handler,
        noBody: method === "POST",
        cookie: instructorCookie,
        id: quizId,
      }),
    ),
    {
      name: "PUT /api/instructor/quizzes/:id",
      file: "instructor/quizzes/[id]/route.ts",
      method: "PUT",
      path: (id) => `/api/instructor/quizzes/${id}`,
      handler: instructorRoutes.quiz.PUT,
      valid: () => ({ definition: classQuizDefinition() }),
      cookie: instructorCookie,
      id: quizId,
      maxBytes: 256 * 1024,
      freeForm: ["definition"],
    },
    {
      name: "POST /api/instructor/quizzes/:id/check",
      file: "instructor/quizzes/[id]/check/route.ts",
      method: "POST",
      path: (id) => `/api/instructor/quizzes/${id}/check`,
      handler: instructorRoutes.check.POST,
      valid: () => ({ definition: classQuizDefinition(), lang: "en" }),
      cookie: instructorCookie,
      id: quizId,
      maxBytes: 256 * 1024,
      freeForm: ["definition"],
    },
    { name: "GET /api/instructor/decks/export", file: "instructor/decks/export/route.ts", method: "GET", path: () => "/api/instructor/decks/export", handler: instructorRoutes.exportDecks.GET, cookie: instructorCookie },
    {
      name: "POST /api/instructor/quizzes/import",
      file: "instructor/quizzes/import/route.ts",
      method: "POST",
      path: () => "/api/instructor/quizzes/import",
      handler: instructorRoutes.importQuiz.POST,
      valid: () => ({ format: "gift", fileName: "class.gift", text: "The third handshake segment has SYN set. {FALSE}", lang: "en" }),
      cookie: instructorCookie,
      maxBytes: 1024 * 1024,
    },
    { name: "GET /api/instructor/captures", file: "instructor/captures/route.ts", method: "GET", path: () => "/api/instructor/captures", handler: instructorRoutes.captures.GET, cookie: instructorCookie },
    // Takes a file's bytes, not JSON: its own cases are below ("capture uploads").
    { name: "POST /api/instructor/captures", file: "instructor/captures/route.ts", method: "POST", path: () => "/api/instructor/captures", handler: instructorRoutes.captures.POST, cookie: instructorCookie },
    {
      name: "DELETE /api/instructor/captures/:id",
      file: "instructor/captures/[id]/route.ts",
      method: "DELETE",
      path: (id) => `/api/instructor/captures/${id}`,
      handler: instructorRoutes.capture.DELETE,
      noBody: true,
      cookie: instructorCookie,
      id: "no-such-capture",
    },
    {
      name: "POST /api/instructor/quizzes/:id/archive",
      file: "instructor/quizzes/[id]/archive/route.ts",
      method: "POST",
      path: (id) => `/api/instructor/quizzes/${id}/archive`,
      handler: instructorRoutes.archive.POST,
      valid: () => ({ archived: true }),
      cookie: instructorCookie,
      id: quizId,
    },
  ];
});

afterAll(async () => {
  expect(sent).toBeGreaterThanOrEqual(500);
  await db.$disconnect();
});

/** Sends one refused request and checks the refusal: a 4xx, a JSON error, nothing stored changed. */
async function expectRefused(route: Route, request: Request, id = idOf(route), statuses?: number[]): Promise<RouteReply> {
  const before = await databaseDigest(databaseUrl);
  const reply = await callRoute(route.handler, request, { id });
  sent++;
  const what = `${route.name} → ${reply.status} ${reply.text.slice(0, 300)}`;
  expect(reply.status, what).toBeGreaterThanOrEqual(400);
  expect(reply.status, what).toBeLessThan(500);
  if (statuses) expect(statuses, what).toContain(reply.status);
  expect(reply.contentType, what).toMatch(/^application\/json/);
  expect(reply.json, what).toMatchObject({ error: expect.any(String) });
  const fields = (reply.json as { fields?: unknown }).fields;
  if (fields !== undefined) expect(Object.values(fields as object).every((message) => typeof message === "string"), what).toBe(true);
  expect(await databaseDigest(databaseUrl), `${what}: a refused request changed the database`).toBe(before);
  return reply;
}

function request(route: Route, body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }, id = idOf(route)): Request {
  return new Request(`${ORIGIN}${route.path(encodeURIComponent(id))}`, { method: route.method, headers: { cookie: route.cookie ?? cookie, ...headers }, body });
}

const idOf = (route: Route) => route.id ?? sessionId;
const withBody = () => routes.filter((route) => route.valid);
const withId = () => routes.filter((route) => route.path("ID").includes("ID"));
const withoutBody = () => routes.filter((route) => route.noBody);

it("covers every route handler in app/api, each method it exports", () => {
  const handlers: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name === "route.ts") {
        const file = relative("app/api", join(dir, entry.name));
        for (const [, method] of readFileSync(join(dir, entry.name), "utf8").matchAll(/^export (?:async function|const|function) (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/gm)) handlers.push(`${method} ${file}`);
      }
    }
  };
  walk("app/api");
  expect(handlers.length).toBeGreaterThanOrEqual(27);
  expect(routes.map((route) => `${route.method} ${route.file}`).sort()).toEqual(handlers.sort());
});

describe("the cases issue 10 found answered 500", () => {
  it.each([
    ["POST /api/profile", "displayName", '{"displayName":"\\ud800"}'],
    ["POST /api/review/grade", "cardId", '{"cardId":"\\ud800","grade":"good"}'],
    ["POST /api/sessions/:id/answer", "response.choice", '{"position":0,"response":{"kind":"choice","choice":"\\udfff"}}'],
  ])("%s with a lone UTF-16 surrogate: a 400 naming %s", async (name, field, body) => {
    const route = routes.find((candidate) => candidate.name === name)!;
    const reply = await expectRefused(route, request(route, body), sessionId, [400]);
    expect(reply.json).toEqual({ error: "the request body is not valid", fields: { [field]: "must be valid Unicode text (it holds a lone UTF-16 surrogate)" } });
  });

  it("an imported file with a lone surrogate in an id: a 400 naming it", async () => {
    const route = routes.find((candidate) => candidate.name === "POST /api/progress/import")!;
    const file = route.valid!();
    const text = JSON.stringify({ ...file, reviews: [{ id: "REPLACE" }] }).replace('"REPLACE"', '"r\\ud800"');
    const reply = await expectRefused(route, request(route, text), sessionId, [400]);
    expect((reply.json as { fields: Record<string, string> }).fields["reviews.0.id"]).toBe("must be valid Unicode text (it holds a lone UTF-16 surrogate)");
  });

  it.each(["GET /api/sessions/:id", "POST /api/sessions/:id/finish", "POST /api/sessions/:id/answer"])("%s with an id that is not valid Unicode: a 400 naming the id", async (name) => {
    const route = routes.find((candidate) => candidate.name === name)!;
    const body = route.valid ? JSON.stringify(route.valid()) : null;
    for (const id of ["\ud800", "\udfff\ud800", "\u0000", ""]) {
      const reply = await expectRefused(route, request(route, body, body ? { "content-type": "application/json" } : {}, "x"), id, [400]);
      expect((reply.json as { fields: Record<string, string> }).fields).toHaveProperty("id");
    }
    // Next hands an undecodable escape such as %ff%fe over as it stands (or stops it first): no session has it.
    await expectRefused(route, request(route, body, body ? { "content-type": "application/json" } : {}, "x"), "%ff%fe", [404]);
  });

  it.each([
    ["config", "null", "sessions.0.config"],
    ["questions", "null", "sessions.0.questions"],
    ["questions", "[1]", "sessions.0.questions.0"],
  ])("an imported session whose %s is %s: a 400 naming %s", async (key, value, path) => {
    const route = routes.find((candidate) => candidate.name === "POST /api/progress/import")!;
    const file = route.valid!() as { sessions: Record<string, unknown>[]; answers: unknown[] };
    const session = { id: "s-imported", mode: "quiz", config: "{}", questions: "[]", createdAt: "2026-11-20T00:00:00.000Z", finishedAt: null, [key]: value };
    const reply = await expectRefused(route, request(route, JSON.stringify({ ...file, sessions: [session], answers: [] })), sessionId, [400]);
    expect((reply.json as { fields: Record<string, string> }).fields).toHaveProperty(path);
  });

  it("an imported answer whose order is a string, and a review whose before is {}: a 400 naming each", async () => {
    const route = routes.find((candidate) => candidate.name === "POST /api/progress/import")!;
    const file = route.valid!();
    const session = { id: "s-imported", mode: "quiz", config: "{}", questions: "[]", createdAt: "2026-11-20T00:00:00.000Z", finishedAt: null };
    const answer = { id: "a", sessionId: "s-imported", position: 0, questionId: "q", kind: "order", topics: "[]", tests: "[]", correct: false, score: 0, response: '{"kind":"order","order":"a"}', createdAt: "2026-11-20T00:00:00.000Z" };
    const review = { id: "r", cardId, rating: 3, state: 2, due: "2026-11-22T00:00:00.000Z", stability: 3, difficulty: 5, elapsedDays: 1, lastElapsedDays: 0, scheduledDays: 2, learningSteps: 0, review: "2026-11-20T00:00:00.000Z", before: "{}" };
    const reply = await expectRefused(route, request(route, JSON.stringify({ ...file, sessions: [session], answers: [answer], reviews: [review] })), sessionId, [400]);
    expect(Object.keys((reply.json as { fields: Record<string, string> }).fields)).toEqual(expect.arrayContaining(["answers.0.response.order", "reviews.0.before.due"]));
  });
});

describe("U+0000, which PostgreSQL's jsonb and text cannot hold (issue 13: refused on both databases alike)", () => {
  const NUL = "must not hold the character U+0000 (\\u0000): the database cannot store it";

  it.each([
    ["POST /api/sessions/:id/answer", "response.choice", '{"position":0,"response":{"kind":"choice","choice":"LISTEN\\u0000"}}'],
    ["PUT /api/instructor/quizzes/:id", "definition.title.en", '{"definition":{"id":"q","title":{"zh":"测","en":"a\\u0000b"}}}'],
    ["POST /api/profile", "displayName", '{"displayName":"\\u0000"}'],
  ])("%s with \\u0000 in a string: a 400 naming %s", async (name, field, body) => {
    const route = routes.find((candidate) => candidate.name === name)!;
    const reply = await expectRefused(route, request(route, body), idOf(route), [400]);
    expect(reply.json).toEqual({ error: "the request body is not valid", fields: { [field]: NUL } });
  });

  it("an escaped backslash before u0000 is text, not U+0000: taken", async () => {
    const route = routes.find((candidate) => candidate.name === "PUT /api/instructor/quizzes/:id")!;
    const definition = { ...classQuizDefinition(), description: { zh: "反斜杠", en: "a \\u0000 b" } };
    const reply = await callRoute(route.handler, request(route, JSON.stringify({ definition })), { id: quizId });
    expect(reply.status, reply.text).toBe(200);
    expect((await db.instructorQuiz.findUniqueOrThrow({ where: { id: quizId } })).definition).toMatchObject({ description: { en: "a \\u0000 b" } });
  });

  it("an imported file with U+0000 inside a JSON column: a 400 naming where", async () => {
    const route = routes.find((candidate) => candidate.name === "POST /api/progress/import")!;
    const file = route.valid!();
    const session = { id: "s-nul", mode: "quiz", config: "{}", questions: "[]", createdAt: "2026-11-20T00:00:00.000Z", finishedAt: null };
    const answer = { id: "a-nul", sessionId: "s-nul", position: 0, questionId: "q", kind: "next-state", topics: "[]", tests: "[]", correct: false, score: 0, response: '{"kind":"choice","choice":"A\\u0000"}', createdAt: "2026-11-20T00:00:00.000Z" };
    const reply = await expectRefused(route, request(route, JSON.stringify({ ...file, sessions: [session], answers: [answer] })), sessionId, [400]);
    expect((reply.json as { fields: Record<string, string> }).fields).toEqual({ "answers.0.response.choice": NUL });
  });
});

describe("JSON APIs refuse other content types (a cross-site form post cannot reach them)", () => {
  const types = fc.oneof(
    fc.constantFrom(
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=----x",
      "",
      "application/json; charset=utf-16",
      "application/xml",
      "application/json-patch+json",
      "text/json",
    ),
    fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,12}$/).filter((type) => type !== "application/json"),
  );

  it("every route that takes a body answers 415 for any other type, with a body it would otherwise accept", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withBody()), types, async (route, type) => {
        await expectRefused(route, request(route, JSON.stringify(route.valid!()), { "content-type": type }), idOf(route), [415]);
      }),
      { numRuns: 80, seed: 1 },
    );
  }, 300_000);

  it("no Content-Type at all is a 415 too; each route that takes no body refuses a form post", async () => {
    for (const route of withBody()) await expectRefused(route, request(route, new Blob([JSON.stringify(route.valid!())]), {}), idOf(route), [415]);
    const finish = routes.find((route) => route.name.endsWith("/finish"))!;
    for (const route of [finish, ...withoutBody()]) {
      await expectRefused(route, request(route, "a=1", { "content-type": "application/x-www-form-urlencoded" }), idOf(route), [415]);
      await expectRefused(route, request(route, "x", { "content-type": "text/plain" }), idOf(route), [415]);
      await expectRefused(route, request(route, "{}", { "content-type": "text/plain" }), idOf(route), [415]);
    }
  });
});

describe("bodies that are not JSON, or not UTF-8", () => {
  const bytes = fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 64 }),
    fc.constantFrom(
      new Uint8Array([0xff, 0xfe]),
      new Uint8Array([0xef, 0xbb, 0xbf, 0x7b]),
      new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      new TextEncoder().encode("{"),
      new TextEncoder().encode(""),
      new TextEncoder().encode("null"),
      new TextEncoder().encode("[]"),
      new TextEncoder().encode("1e999"),
      new TextEncoder().encode('"text"'),
      new TextEncoder().encode("{'a':1}"),
      new TextEncoder().encode(`{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`),
    ),
  );

  /** {} and an empty body are what finish takes, and undo takes {}: not malformed. */
  const acceptable = (body: Uint8Array) => {
    try {
      const text = new TextDecoder().decode(body);
      if (text.trim() === "") return true;
      const value: unknown = JSON.parse(text);
      return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0;
    } catch {
      return false;
    }
  };

  it("every route that reads a body answers 400", async () => {
    const finish = () => routes.find((route) => route.name.endsWith("/finish"))!;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withBody(), finish(), ...withoutBody()), bytes, async (route, body) => {
        fc.pre(!acceptable(body));
        await expectRefused(route, request(route, body), idOf(route), [400, 413]);
      }),
      { numRuns: 160, seed: 2 },
    );
  }, 300_000);
});

/** Every path to a value in `value`, one level into nested objects and arrays. */
function paths(value: Record<string, unknown>): string[][] {
  const found: string[][] = [];
  for (const [key, item] of Object.entries(value)) {
    found.push([key]);
    if (item !== null && typeof item === "object" && !Array.isArray(item)) for (const inner of Object.keys(item)) found.push([key, inner]);
  }
  return found;
}

function replaced(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let target = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

function typeOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/** A JSON value of any type but `type`; for a nullable string (`type` null), neither null nor a string. */
function otherThan(type: string, allowNull: boolean) {
  const all = {
    string: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("", "0", "true", "null")),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  } as Record<string, fc.Arbitrary<unknown>>;
  const excluded = type === "null" ? ["null", "string"] : [type, ...(allowNull ? [] : ["null"])];
  return fc.oneof(...Object.entries(all).filter(([name]) => !excluded.includes(name)).map(([, arbitrary]) => arbitrary));
}

const LONE = fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff");

describe("bodies of the wrong shape", () => {
  it("a field of the wrong type: 400 naming the field", async () => {
    const cases = fc.constantFrom(...withBody()).chain((route) => {
      const valid = route.valid!();
      return fc.constantFrom(...paths(valid).filter((path) => path.length === 1 || !(route.freeForm ?? []).includes(path[0]!))).chain((path) => {
        let current: unknown = valid;
        for (const key of path) current = (current as Record<string, unknown>)[key];
        return otherThan(typeOf(current), !(route.nullable ?? []).includes(path.join("."))).map((value) => ({ route, path, body: replaced(valid, path, value) }));
      });
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, path, body }) => {
        const reply = await expectRefused(route, request(route, JSON.stringify(body)), idOf(route), [400]);
        const fields = Object.keys((reply.json as { fields?: Record<string, string> }).fields ?? {});
        expect(fields.some((field) => field.startsWith(path[0]!) || field === "body"), `${route.name} ${path.join(".")}: ${fields.join(", ")}`).toBe(true);
      }),
      { numRuns: 220, seed: 3 },
    );
  }, 300_000);

  it("a lone UTF-16 surrogate anywhere in any string: 400 naming where", async () => {
    const stringPaths = (route: Route) => paths(route.valid!()).filter((path) => typeof path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], route.valid!()) === "string");
    const cases = fc
      .constantFrom(...withBody().filter((route) => stringPaths(route).length > 0))
      .chain((route) => fc.tuple(fc.constant(route), fc.constantFrom(...stringPaths(route)), LONE, fc.nat(5)));
    await fc.assert(
      fc.asyncProperty(cases, async ([route, path, lone, at]) => {
        const valid = route.valid!();
        const text = path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], valid) as string;
        const body = replaced(valid, path, text.slice(0, at) + lone + text.slice(at));
        const reply = await expectRefused(route, request(route, JSON.stringify(body)), idOf(route), [400]);
        expect(reply.json).toMatchObject({ fields: { [path.join(".")]: "must be valid Unicode text (it holds a lone UTF-16 surrogate)" } });
      }),
      { numRuns: 90, seed: 4 },
    );
  }, 300_000);

  it("a key that is not part of the body: 400", async () => {
    const strict = () => withBody().filter((route) => route.name !== "POST /api/progress/import");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...strict()), fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), async (route, key, value) => {
        const valid = route.valid!();
        fc.pre(key !== "__proto__" && !(key in valid) && !["displayName", "newCardsPerDay", "lang", "theme", "tz", "cardId", "grade", "mode", "topics", "length", "weakSpots", "quizId", "kinds", "minutes", "position", "response", "name", "email", "password", "current", "next", "from", "definition", "lang", "archived", "format", "fileName", "text"].includes(key));
        await expectRefused(route, request(route, JSON.stringify({ ...valid, [key]: value })), idOf(route), [400]);
      }),
      { numRuns: 80, seed: 5 },
    );
  }, 300_000);

  it("an import file with one field of one row broken: 400 naming the row's path", async () => {
    const route = routes.find((candidate) => candidate.name === "POST /api/progress/import")!;
    const base = route.valid!() as Record<string, Record<string, unknown>[]>;
    const lists = (["cardStates", "reviews", "sessions", "answers"] as const).filter((list) => base[list]!.length > 0);
    const broken = fc.oneof(
      fc.constantFrom(null, "", "null", "[1]", "{}", -1, 1.5, 2 ** 31, "9999-12-31T23:59:59Z", "yesterday", [], {}, "x".repeat(300), "a\u0000b"),
      LONE,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lists), fc.nat(), broken, async (list, at, value) => {
        const rows = base[list]!;
        const row = rows[at % rows.length]!;
        const key = Object.keys(row)[at % Object.keys(row).length]!;
        const file = { ...base, [list]: rows.map((candidate) => (candidate === row ? { ...row, [key]: value } : candidate)) };
        const text = JSON.stringify(file);
        const before = await databaseDigest(databaseUrl);
        const reply = await callRoute(route.handler, request(route, text));
        sent++;
        // A few replacements are valid for some columns (null for finishedAt, "{}" for a config): then nothing is new to add.
        if (reply.status === 200) {
          expect(reply.json).toMatchObject({ ok: true });
          return;
        }
        expect(reply.status, reply.text).toBe(400);
        expect(Object.keys((reply.json as { fields: Record<string, string> }).fields).some((field) => field.startsWith(`${list}.`)), reply.text).toBe(true);
        expect(await databaseDigest(databaseUrl)).toBe(before);
      }),
      { numRuns: 60, seed: 6 },
    );
  }, 300_000);
});

describe("oversized bodies", () => {
  it("over 128 KiB (256 KiB for a quiz definition), announced or sent in chunks: 413", async () => {
    for (const route of withBody().filter((candidate) => candidate.name !== "POST /api/progress/import")) {
      const over = (route.maxBytes ?? 128 * 1024) + 72 * 1024;
      const big = JSON.stringify({ ...route.valid!(), padding: "x".repeat(over) });
      await expectRefused(route, request(route, big), idOf(route), [413]);
      await expectRefused(route, request(route, big, { "content-type": "application/json", "content-length": String(big.length) }), idOf(route), [413]);
      const chunked = new Request(`${ORIGIN}${route.path(idOf(route))}`, { method: route.method, headers: { "content-type": "application/json", cookie: route.cookie ?? cookie }, body: chunkedBody(over), duplex: "half" } as RequestInit);
      await expectRefused(route, chunked, idOf(route), [413]);
    }
  }, 120_000);

  it("an import over 20 MB, announced or sent in chunks: 413", async () => {
    const route = routes.find((candidate) => candidate.name === "POST /api/progress/import")!;
    await expectRefused(route, request(route, " ".repeat(21 * 1024 * 1024)), sessionId, [413]);
    await expectRefused(route, streamed(route.path(sessionId), chunkedBody(150 * 1024 * 1024), { "content-type": "application/json", cookie }), sessionId, [413]);
  }, 120_000);
});

describe("path ids and query strings", () => {
  const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 30 });
  const ids = fc.oneof(
    anyUnits,
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.constantFrom("%ff%fe", "%E0%A4%A", "%", "..%2F..%2Fetc", "' OR 1=1 --", "x".repeat(201), "x".repeat(5000), "\n", "a\u007fb", "null", "undefined", "0"),
  );

  it("a session or quiz id of any kind is a 400 or a 404, for every route under /api/sessions/:id and /api/instructor/quizzes/:id", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withId()), ids, fc.boolean(), async (route, id, withCookie) => {
        const body = route.valid ? JSON.stringify(route.valid()) : null;
        const headers: Record<string, string> = body ? { "content-type": "application/json" } : {};
        const plain = new Request(`${ORIGIN}${route.path("x")}`, { method: route.method, headers: withCookie ? { cookie: route.cookie ?? cookie, ...headers } : headers, body });
        // An instructor route asks who is calling before it looks at the id: without the cookie, a 401.
        await expectRefused(route, plain, id, route.cookie && !withCookie ? [401] : [400, 404]);
      }),
      { numRuns: 200, seed: 7 },
    );
  }, 300_000);

  it("GET /api/review with a tz that is not minutes west of UTC: 400", async () => {
    const route = routes.find((candidate) => candidate.name === "GET /api/review")!;
    const bad = fc.oneof(
      fc.constantFrom("abc", "1.5", "-841", "841", "1e9", "NaN", "Infinity", "0x", "%ff", "\ud800"),
      fc.string({ minLength: 1, maxLength: 10 }).filter((text) => !(Number.isInteger(Number(text)) && Math.abs(Number(text)) <= 840)),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (tz) => {
        const url = new URL(`${ORIGIN}/api/review`);
        url.searchParams.set("tz", tz);
        const reply = await expectRefused(route, new Request(url, { headers: { cookie } }), sessionId, [400]);
        expect(reply.json).toMatchObject({ fields: { tz: expect.any(String) } });
      }),
      { numRuns: 40, seed: 8 },
    );
  }, 300_000);

  it("a cookie that is no learner's: refused requests still create no learner; an instructor route answers 401", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withBody()), fc.string({ maxLength: 300 }), async (route, token) => {
        const body = "[]";
        const stranger = new Request(`${ORIGIN}${route.path(idOf(route))}`, { method: route.method, headers: { "content-type": "application/json", cookie: `synack_learner=${encodeURIComponent(token)}` }, body });
        await expectRefused(route, stranger, idOf(route), route.cookie ? [401] : [400]);
      }),
      { numRuns: 40, seed: 9 },
    );
  }, 300_000);

  it("an instructor cookie that is no session's, on every instructor route: 401 and nothing stored", async () => {
    // Logout answers {ok: true} to anyone (signing out twice is not an error), so it is not among them.
    const guarded = () => routes.filter((route) => route.cookie && route.name !== "POST /api/instructor/logout");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...guarded()), fc.string({ maxLength: 300 }), async (route, token) => {
        const body = route.valid ? JSON.stringify(route.valid()) : route.noBody ? "{}" : null;
        const headers: Record<string, string> = { cookie: `synack_instructor=${encodeURIComponent(token)}`, ...(body ? { "content-type": "application/json" } : {}) };
        await expectRefused(route, new Request(`${ORIGIN}${route.path(idOf(route))}`, { method: route.method, headers, body }), idOf(route), [401]);
      }),
      { numRuns: 40, seed: 10 },
    );
  }, 300_000);

  it("grading a card that does not exist, undo with nothing to undo, an unknown quiz: 4xx and no learner created", async () => {
    const route = (name: string) => routes.find((candidate) => candidate.name === name)!;
    const anonymous = (name: string, body: unknown) => new Request(`${ORIGIN}${route(name).path(sessionId)}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await expectRefused(route("POST /api/review/grade"), anonymous("POST /api/review/grade", { cardId: "no-such-card", grade: "good" }), sessionId, [404]);
    await expectRefused(route("POST /api/review/undo"), anonymous("POST /api/review/undo", {}), sessionId, [409]);
    await expectRefused(route("POST /api/sessions"), anonymous("POST /api/sessions", { quizId: "no-such-quiz" }), sessionId, [404]);
    await expectRefused(route("POST /api/sessions/:id/answer"), request(route("POST /api/sessions/:id/answer"), JSON.stringify({ position: 99, response: { kind: "choice", choice: "x" } })), sessionId, [404]);
  });
});

describe("capture uploads", () => {
  const upload = () => routes.find((route) => route.name === "POST /api/instructor/captures")!;
  const sample = new Uint8Array(readFileSync("content/captures/raw-ip.pcap"));
  const send = (body: BodyInit, headers: Record<string, string>) => request(upload(), body, { "content-type": "application/octet-stream", "x-file-name": "a.pcap", ...headers });

  it("bytes the capture reader refuses, mutated or cut short: a 400 naming the byte offset", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sample.length - 1 }), fc.nat({ max: 255 }), fc.boolean(), async (at, value, cut) => {
        const bytes = cut ? sample.slice(0, at) : sample.slice();
        if (!cut) bytes[at] = value;
        const before = await databaseDigest(databaseUrl);
        const reply = await callRoute(upload().handler, send(bytes, {}));
        sent++;
        // Some mutations leave a capture that reads (a timestamp, a payload byte): stored, then cleaned up below.
        if (reply.status === 201) return void (await db.instructorCapture.deleteMany({ where: { id: (reply.json as { capture: string }).capture.slice(7) } }));
        expect(reply.status, reply.text).toBe(400);
        const body = reply.json as { error: string; offset?: number };
        if (body.offset !== undefined) expect(body.error).toContain(`at byte ${body.offset}`);
        else expect(body.error).toBe(bytes.length === 0 ? "the file is empty" : "the capture holds no TCP connection to ask about");
        expect(await databaseDigest(databaseUrl)).toBe(before);
      }),
      { numRuns: 60, seed: 12 },
    );
  }, 300_000);

  it("a JSON, form or text body, a bad file name, or more than 32 MiB: a 4xx naming the field", async () => {
    await expectRefused(upload(), send(sample, { "content-type": "application/json" }), "", [415]);
    await expectRefused(upload(), send(sample, { "content-type": "application/x-www-form-urlencoded" }), "", [415]);
    await expectRefused(upload(), send(sample, { "x-file-name": "%E0%A4%A" }), "", [400]);
    await expectRefused(upload(), send(sample, { "x-file-name": "" }), "", [400]);
    await expectRefused(upload(), send(new Uint8Array(0), {}), "", [400]);
    await expectRefused(upload(), streamed(upload().path(""), chunkedBody(40 * 1024 * 1024), { "content-type": "application/octet-stream", "x-file-name": "big.pcap", cookie: instructorCookie }), "", [413]);
  }, 300_000);
});

describe("routes that take no input", () => {
  it("GET /api/progress/export, GET /api/review and GET /api/health with any cookie or query: 200, and nothing written", async () => {
    const gets = () => routes.filter((route) => ["GET /api/progress/export", "GET /api/review", "GET /api/health"].includes(route.name));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...gets()), fc.string({ maxLength: 200 }), fc.string({ maxLength: 50 }), async (route, token, query) => {
        const url = new URL(`${ORIGIN}${route.path(sessionId).split("?")[0]}`);
        url.searchParams.set("x", query);
        const before = await databaseDigest(databaseUrl);
        const reply = await callRoute(route.handler, new Request(url, { headers: { cookie: `synack_learner=${encodeURIComponent(token)}` } }));
        sent++;
        expect(reply.status, reply.text.slice(0, 200)).toBe(200);
        expect(reply.json).toBeDefined();
        expect(await databaseDigest(databaseUrl)).toBe(before);
      }),
      { numRuns: 30, seed: 11 },
    );
  }, 300_000);
});

describe("a saved draft of any shape", () => {
  /** The class quiz with one field, one level or two down, replaced by any JSON value. */
  const drafts = fc.oneof(
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
    fc.tuple(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([at, inner, value]) => {
      const draft = classQuizDefinition() as unknown as Record<string, unknown>;
      const key = Object.keys(draft)[at % Object.keys(draft).length]!;
      const field = draft[key];
      if (field !== null && typeof field === "object" && Object.keys(field).length > 0) {
        const innerKey = Object.keys(field)[inner % Object.keys(field).length]!;
        (field as Record<string, unknown>)[innerKey] = value;
      } else draft[key] = value;
      return draft;
    }),
  );

  it("is saved as written, and every instructor route on it then answers without a 5xx", async () => {
    // The draft is stored as written (the check reports its problems), so what reads it back must cope with anything.
    const route = (name: string) => routes.find((candidate) => candidate.name === name)!;
    await fc.assert(
      fc.asyncProperty(drafts, async (definition) => {
        const put = route("PUT /api/instructor/quizzes/:id");
        const saved = await callRoute(put.handler, request(put, JSON.stringify({ definition })), { id: quizId });
        sent++;
        expect(saved.status, saved.text.slice(0, 300)).toBe(200);
        for (const [name, body] of [
          ["GET /api/instructor/quizzes/:id", null],
          ["GET /api/instructor/quizzes", null],
          ["POST /api/instructor/quizzes/:id/check", JSON.stringify({ definition, lang: "zh" })],
          ["GET /api/instructor/quizzes/:id/download", null],
          ["POST /api/instructor/quizzes/:id/publish", "{}"],
          ["GET /api/instructor/quizzes/:id/results.csv", null],
          ["GET /api/instructor/quizzes/:id/export", null],
        ] as const) {
          const asked = request(route(name), body, body ? { "content-type": "application/json" } : {});
          // Export takes its format in the query: Moodle XML, the more involved writer.
          const withQuery = name.endsWith("/export") ? new Request(`${asked.url}?format=moodle-xml&lang=both`, { headers: asked.headers }) : asked;
          const reply = await callRoute(route(name).handler, withQuery, { id: quizId });
          sent++;
          const what = `${name} on ${JSON.stringify(definition).slice(0, 200)} → ${reply.status} ${reply.text.slice(0, 300)}`;
          expect(reply.status, what).toBeLessThan(500);
          if (reply.status >= 400) expect(reply.json, what).toMatchObject({ error: expect.any(String) });
        }
      }),
      { numRuns: 60, seed: 12 },
    );
    // Leave the quiz as the other cases expect it: the class quiz, not published.
    const put = route("PUT /api/instructor/quizzes/:id");
    expect((await callRoute(put.handler, request(put, JSON.stringify({ definition: classQuizDefinition() })), { id: quizId })).status).toBe(200);
    await db.instructorQuiz.update({ where: { id: quizId }, data: { liveVersionId: null, code: null } });
  }, 300_000);
});
