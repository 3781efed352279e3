import { XMLParser } from "fast-xml-parser";
import { parse as parseGift } from "gift-pegjs";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { quizFileSchema } from "@/lib/content";
import { jsonOf } from "@/lib/server/json-column";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { useAppDatabase } from "./app-database";
import { callRoute, ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/*
 * Issue 11, part 5: the builder's buttons for what `npm run -s export` and
 * `import` do: a quiz of the instructor's own to GIFT and Moodle XML, the
 * decks to Anki, and a GIFT file into a new draft, with what was skipped by line.
 */

let db: PrismaClient;
let api: {
  exportQuiz: typeof import("@/app/api/instructor/quizzes/[id]/export/route");
  decks: typeof import("@/app/api/instructor/decks/export/route");
  importGift: typeof import("@/app/api/instructor/quizzes/import/route");
};
let alice: { id: string; cookie: string };
let bob: { id: string; cookie: string };
let quizId: string;

async function signedIn(email: string): Promise<{ id: string; cookie: string }> {
  const instructor = await db.instructor.create({ data: { email, passwordHash: "x" } });
  const token = `token-${email}`;
  await db.instructorSession.create({ data: { instructorId: instructor.id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) } });
  return { id: instructor.id, cookie: `synack_instructor=${token}` };
}

const get = (path: string, cookie: string | null) => new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} });
const post = (path: string, cookie: string | null, body: unknown, contentType = "application/json") =>
  new Request(`${ORIGIN}${path}`, { method: "POST", headers: { ...(cookie ? { cookie } : {}), "content-type": contentType }, body: JSON.stringify(body) });

const definition = {
  id: "close-check",
  title: { zh: "关闭", en: "Closing" },
  questions: [
    { id: "q1", type: "next-state", prompt: { zh: "ESTABLISHED 收到 FIN？", en: "ESTABLISHED receives a FIN?" }, state: "ESTABLISHED", event: "rcv FIN", answer: "CLOSE_WAIT" },
    { id: "q2", type: "true-false", prompt: { zh: "TIME_WAIT 属于主动关闭方。", en: "TIME_WAIT belongs to the active closer." }, answer: true },
  ],
  generated: [{ kinds: ["seq-arith"], count: 2 }],
  settings: { seed: 7 },
};

beforeAll(async () => {
  ({ db } = await useAppDatabase());
  api = {
    exportQuiz: await import("@/app/api/instructor/quizzes/[id]/export/route"),
    decks: await import("@/app/api/instructor/decks/export/route"),
    importGift: await import("@/app/api/instructor/quizzes/import/route"),
  };
  alice = await signedIn("alice-x@example.org");
  bob = await signedIn("bob-x@example.org");
  quizId = (await db.instructorQuiz.create({ data: { instructorId: alice.id, definition: jsonOf(definition) } })).id;
});

describe("export a quiz for Moodle from the builder", () => {
  it("GIFT: an attachment that an independent parser reads back, with the fixed and generated questions", async () => {
    const reply = await callRoute(api.exportQuiz.GET, get(`/api/instructor/quizzes/${quizId}/export?format=gift&lang=en`, alice.cookie), { id: quizId });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-disposition")).toBe('attachment; filename="close-check.gift.txt"');
    const questions = parseGift(reply.text).filter((question: { type: string }) => question.type !== "Category" && question.type !== "Description");
    expect(questions).toHaveLength(4);
    expect(questions.map((question: { type: string }) => question.type)).toEqual(["MC", "TF", "Numerical", "Numerical"]);
  });

  it("Moodle XML: parses back with a category and the questions, in both languages by default", async () => {
    const reply = await callRoute(api.exportQuiz.GET, get(`/api/instructor/quizzes/${quizId}/export?format=moodle-xml`, alice.cookie), { id: quizId });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^application\/xml/);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(reply.text) as { quiz: { question: { "@_type": string }[] } };
    expect(xml.quiz.question.map((question) => question["@_type"])).toEqual(["category", "multichoice", "truefalse", "numerical", "numerical"]);
    // Moodle's multilang spans, escaped as XML text.
    expect(reply.text).toMatch(/&lt;span lang=(&quot;|")zh(&quot;|") class=(&quot;|")multilang/);
  });

  it("refuses another instructor's quiz (404), a signed-out caller (401) and a bad query (400 naming the field)", async () => {
    expect((await callRoute(api.exportQuiz.GET, get(`/api/instructor/quizzes/${quizId}/export?format=gift`, bob.cookie), { id: quizId })).status).toBe(404);
    expect((await callRoute(api.exportQuiz.GET, get(`/api/instructor/quizzes/${quizId}/export?format=gift`, null), { id: quizId })).status).toBe(401);
    const bad = await callRoute(api.exportQuiz.GET, get(`/api/instructor/quizzes/${quizId}/export?format=docx&seed=-1`, alice.cookie), { id: quizId });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.json as { fields: Record<string, string> }).fields).sort()).toEqual(["format", "seed"]);
  });

  it("refuses a draft with problems (409): what Moodle gets has passed the machine's checks", async () => {
    const wrong = structuredClone(definition);
    wrong.questions[0]!.answer = "TIME_WAIT";
    const id = (await db.instructorQuiz.create({ data: { instructorId: alice.id, definition: jsonOf(wrong) } })).id;
    const reply = await callRoute(api.exportQuiz.GET, get(`/api/instructor/quizzes/${id}/export?format=gift`, alice.cookie), { id });
    expect(reply.status).toBe(409);
    expect(JSON.stringify((reply.json as { problems: unknown[] }).problems)).toContain("questions.0.answer");
  });
});

describe("export the decks to Anki from the builder", () => {
  it("one deck or all, with Anki's header lines first", async () => {
    const all = await callRoute(api.decks.GET, get("/api/instructor/decks/export", alice.cookie));
    expect(all.status).toBe(200);
    const lines = all.text.split("\n");
    expect(lines[0]).toBe("#separator:tab");
    expect(lines.filter((line) => line.startsWith("#")).length).toBeGreaterThanOrEqual(5);
    const deckId = (await db.deck.findFirstOrThrow({ where: { active: true }, orderBy: { id: "asc" } })).id;
    const one = await callRoute(api.decks.GET, get(`/api/instructor/decks/export?deck=${deckId}&lang=en`, alice.cookie));
    expect(one.status).toBe(200);
    const cards = await db.card.count({ where: { deckId, active: true } });
    expect(one.text.split("\n").filter((line) => line && !line.startsWith("#"))).toHaveLength(cards);
    expect((await callRoute(api.decks.GET, get("/api/instructor/decks/export?deck=no-such-deck", alice.cookie))).status).toBe(404);
    expect((await callRoute(api.decks.GET, get("/api/instructor/decks/export", null))).status).toBe(401);
  });
});

describe("import a GIFT file into the builder", () => {
  const every = readFileSync("test/interchange/fixtures/every-type.gift", "utf8");

  it("makes a new draft of the instructor's own that passes the schema, and lists what was skipped by line", async () => {
    const reply = await callRoute(api.importGift.POST, post("/api/instructor/quizzes/import", alice.cookie, { format: "gift", fileName: "every-type.gift", text: every, lang: "en" }));
    expect(reply.status).toBe(201);
    const outcome = reply.json as { id: string; skipped: { line: number; message: string }[] };
    const row = await db.instructorQuiz.findUniqueOrThrow({ where: { id: outcome.id } });
    expect(row).toMatchObject({ instructorId: alice.id, origin: "import:gift" });
    expect(quizFileSchema.safeParse(row.definition).success).toBe(true);
    expect(outcome.skipped.length).toBeGreaterThan(0);
    for (const skipped of outcome.skipped) expect(every.split("\n")[skipped.line - 1]?.length ?? 0).toBeGreaterThanOrEqual(0);
  });

  it("a file with nothing SynAck can ask: 422 with the reasons, and no draft", async () => {
    const before = await db.instructorQuiz.count();
    const reply = await callRoute(api.importGift.POST, post("/api/instructor/quizzes/import", alice.cookie, { format: "gift", fileName: "m.gift", text: "::M::Match{=a -> b =c -> d =e -> f}", lang: "en" }));
    expect(reply.status).toBe(422);
    expect((reply.json as { skipped: unknown[] }).skipped).toHaveLength(1);
    expect(await db.instructorQuiz.count()).toBe(before);
  });

  it("refuses a signed-out caller (401), a form post (415) and a body without its fields (400)", async () => {
    expect((await callRoute(api.importGift.POST, post("/api/instructor/quizzes/import", null, { format: "gift", fileName: "a", text: "x", lang: "en" }))).status).toBe(401);
    expect((await callRoute(api.importGift.POST, post("/api/instructor/quizzes/import", alice.cookie, { format: "gift" }, "text/plain"))).status).toBe(415);
    const bad = await callRoute(api.importGift.POST, post("/api/instructor/quizzes/import", alice.cookie, { format: "docx", lang: "fr" }));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.json as { fields: Record<string, string> }).fields).sort()).toEqual(["fileName", "format", "lang", "text"]);
  });
});
