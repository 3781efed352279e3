import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { useAppDatabase } from "./app-database";
import { callRoute, ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

let db: PrismaClient;
let api: {
  list: typeof import("@/app/api/instructor/quizzes/route");
  quiz: typeof import("@/app/api/instructor/quizzes/[id]/route");
  check: typeof import("@/app/api/instructor/quizzes/[id]/check/route");
  archive: typeof import("@/app/api/instructor/quizzes/[id]/archive/route");
  publish: typeof import("@/app/api/instructor/quizzes/[id]/publish/route");
  unpublish: typeof import("@/app/api/instructor/quizzes/[id]/unpublish/route");
  download: typeof import("@/app/api/instructor/quizzes/[id]/download/route");
};
let alice: string;
let bob: string;
let fresh: string;

/** An instructor signed in with a session row, as the login route makes it: the cookie to send. */
async function signedIn(email: string, mustChangePassword = false): Promise<string> {
  const instructor = await db.instructor.create({ data: { email, passwordHash: "x", mustChangePassword } });
  const token = `token-${email}`;
  await db.instructorSession.create({
    data: { instructorId: instructor.id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return `synack_instructor=${token}`;
}

const request = (method: string, path: string, cookie: string | null, body?: unknown, contentType = "application/json") =>
  new Request(`${ORIGIN}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { "content-type": contentType }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });

async function create(cookie: string, from = "blank"): Promise<string> {
  const reply = await callRoute(api.list.POST, request("POST", "/api/instructor/quizzes", cookie, { from }));
  expect(reply.status).toBe(201);
  return (reply.json as { id: string }).id;
}

beforeAll(async () => {
  ({ db } = await useAppDatabase());
  api = {
    list: await import("@/app/api/instructor/quizzes/route"),
    quiz: await import("@/app/api/instructor/quizzes/[id]/route"),
    check: await import("@/app/api/instructor/quizzes/[id]/check/route"),
    archive: await import("@/app/api/instructor/quizzes/[id]/archive/route"),
    publish: await import("@/app/api/instructor/quizzes/[id]/publish/route"),
    unpublish: await import("@/app/api/instructor/quizzes/[id]/unpublish/route"),
    download: await import("@/app/api/instructor/quizzes/[id]/download/route"),
  };
  alice = await signedIn("alice@example.org");
  bob = await signedIn("bob@example.org");
  fresh = await signedIn("fresh@example.org", true);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("who may call", () => {
  it("logged out: 401; a one-time password not yet changed: 403; on every route", async () => {
    const id = await create(alice);
    const calls = (cookie: string | null) => [
      callRoute(api.list.GET, request("GET", "/api/instructor/quizzes", cookie)),
      callRoute(api.list.POST, request("POST", "/api/instructor/quizzes", cookie, { from: "blank" })),
      callRoute(api.quiz.GET, request("GET", `/api/instructor/quizzes/${id}`, cookie), { id }),
      callRoute(api.quiz.PUT, request("PUT", `/api/instructor/quizzes/${id}`, cookie, { definition: {} }), { id }),
      callRoute(api.check.POST, request("POST", `/api/instructor/quizzes/${id}/check`, cookie, { definition: {} }), { id }),
      callRoute(api.archive.POST, request("POST", `/api/instructor/quizzes/${id}/archive`, cookie, { archived: true }), { id }),
      callRoute(api.publish.POST, request("POST", `/api/instructor/quizzes/${id}/publish`, cookie), { id }),
      callRoute(api.unpublish.POST, request("POST", `/api/instructor/quizzes/${id}/unpublish`, cookie), { id }),
      callRoute(api.download.GET, request("GET", `/api/instructor/quizzes/${id}/download`, cookie), { id }),
    ];
    expect((await Promise.all(calls(null))).map((reply) => reply.status)).toEqual(Array(9).fill(401));
    expect((await Promise.all(calls("synack_learner=abc"))).map((reply) => reply.status)).toEqual(Array(9).fill(401));
    expect((await Promise.all(calls(fresh))).map((reply) => reply.status)).toEqual(Array(9).fill(403));
  });

  it("another instructor's quiz is a 404 on every route", async () => {
    const id = await create(alice);
    const replies = await Promise.all([
      callRoute(api.quiz.GET, request("GET", `/api/instructor/quizzes/${id}`, bob), { id }),
      callRoute(api.quiz.PUT, request("PUT", `/api/instructor/quizzes/${id}`, bob, { definition: { id: "stolen" } }), { id }),
      callRoute(api.check.POST, request("POST", `/api/instructor/quizzes/${id}/check`, bob, { definition: {} }), { id }),
      callRoute(api.archive.POST, request("POST", `/api/instructor/quizzes/${id}/archive`, bob, { archived: true }), { id }),
      callRoute(api.publish.POST, request("POST", `/api/instructor/quizzes/${id}/publish`, bob), { id }),
      callRoute(api.unpublish.POST, request("POST", `/api/instructor/quizzes/${id}/unpublish`, bob), { id }),
      callRoute(api.download.GET, request("GET", `/api/instructor/quizzes/${id}/download`, bob), { id }),
      callRoute(api.list.POST, request("POST", "/api/instructor/quizzes", bob, { from: `copy:${id}` })),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(404));
    const own = await callRoute(api.quiz.GET, request("GET", `/api/instructor/quizzes/${id}`, alice), { id });
    expect((own.json as { definition: { id: string } }).definition.id).not.toBe("stolen");
  });
});

describe("bad input", () => {
  it("400 with the field named", async () => {
    const id = await create(alice);
    const cases = [
      [api.list.POST, "/api/instructor/quizzes", { from: "nothing" }, "from"],
      [api.list.POST, "/api/instructor/quizzes", {}, "from"],
      [api.quiz.PUT, `/api/instructor/quizzes/${id}`, { definition: [1, 2] }, "definition"],
      [api.quiz.PUT, `/api/instructor/quizzes/${id}`, { definition: {}, extra: 1 }, "body"],
      [api.check.POST, `/api/instructor/quizzes/${id}/check`, { definition: {}, lang: "fr" }, "lang"],
      [api.archive.POST, `/api/instructor/quizzes/${id}/archive`, { archived: "yes" }, "archived"],
    ] as const;
    for (const [handler, path, body, field] of cases) {
      const reply = await callRoute(handler as never, request(path.endsWith(id) ? "PUT" : "POST", path, alice, body), { id });
      expect(reply.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(Object.keys((reply.json as { fields: Record<string, string> }).fields)).toContain(field);
    }
  });

  it("415 for a body that is not JSON", async () => {
    const id = await create(alice);
    const reply = await callRoute(api.quiz.PUT, request("PUT", `/api/instructor/quizzes/${id}`, alice, "definition=x", "application/x-www-form-urlencoded"), { id });
    expect(reply.status).toBe(415);
    const publish = await callRoute(api.publish.POST, request("POST", `/api/instructor/quizzes/${id}/publish`, alice, "x", "text/plain"), { id });
    expect(publish.status).toBe(415);
  });

  it("413 for a definition past 256 KB", async () => {
    const id = await create(alice);
    const reply = await callRoute(api.quiz.PUT, request("PUT", `/api/instructor/quizzes/${id}`, alice, { definition: { id: "x".repeat(300_000) } }), { id });
    expect(reply.status).toBe(413);
  });
});

describe("the builder's flow", () => {
  it("save, check, publish refused with problems, then published with a code, download passes the content check", async () => {
    const id = await create(alice, "file:close-and-time-wait");
    const got = await callRoute(api.quiz.GET, request("GET", `/api/instructor/quizzes/${id}`, alice), { id });
    const definition = (got.json as { definition: { questions: { answer: unknown }[] } }).definition;
    definition.questions[0]!.answer = "TIME_WAIT";
    const check = await callRoute(api.check.POST, request("POST", `/api/instructor/quizzes/${id}/check`, alice, { definition, lang: "zh" }), { id });
    expect(check.status).toBe(200);
    expect((check.json as { problems: { path: string; message: string }[] }).problems).toEqual([{ path: "questions.0.answer", message: expect.stringMatching(/^处于 ESTABLISHED 时/) }]);

    expect((await callRoute(api.quiz.PUT, request("PUT", `/api/instructor/quizzes/${id}`, alice, { definition }), { id })).status).toBe(200);
    const refused = await callRoute(api.publish.POST, request("POST", `/api/instructor/quizzes/${id}/publish`, alice), { id });
    expect(refused.status).toBe(409);
    expect((refused.json as { problems: { path: string }[] }).problems.map((problem) => problem.path)).toEqual(["questions.0.answer"]);

    definition.questions[0]!.answer = "CLOSE_WAIT";
    await callRoute(api.quiz.PUT, request("PUT", `/api/instructor/quizzes/${id}`, alice, { definition }), { id });
    const published = await callRoute(api.publish.POST, request("POST", `/api/instructor/quizzes/${id}/publish`, alice), { id });
    expect(published.status).toBe(200);
    const { code, link } = published.json as { code: string; link: string };
    expect(link).toBe(`/q/${code}`);
    const listed = await callRoute(api.list.GET, request("GET", "/api/instructor/quizzes", alice));
    expect((listed.json as { quizzes: { id: string; status: string; code: string }[] }).quizzes.find((quiz) => quiz.id === id)).toMatchObject({ status: "live", code });

    const download = await callRoute(api.download.GET, request("GET", `/api/instructor/quizzes/${id}/download`, alice), { id });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="close-and-time-wait.yaml"');
    const misconceptions = loadContentFiles("content").filter((file) => file.path.includes("misconceptions"));
    expect(checkContent([...misconceptions, { path: "content/quizzes/close-and-time-wait.yaml", text: download.text }]).problems).toEqual([]);

    const off = await callRoute(api.unpublish.POST, request("POST", `/api/instructor/quizzes/${id}/unpublish`, alice), { id });
    expect(off.status).toBe(200);
    const after = await callRoute(api.quiz.GET, request("GET", `/api/instructor/quizzes/${id}`, alice), { id });
    expect(after.json).toMatchObject({ status: "draft", code });
  });
});
