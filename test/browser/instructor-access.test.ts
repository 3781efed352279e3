import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { newLearnerCookie, readDatabase } from "./api-client";
import { seedCapture, seedInstructor, seedPublishedQuiz, type SeededInstructor, type SeededQuiz } from "./instructor-fixture";
import { rawRequest } from "./security-requests";

/*
 * Issue 11: every instructor page and API refuses anyone else. The pages and
 * route handlers are found on disk, so one added later is held to the same
 * rules without anyone remembering to list it: a logged-out visitor and a
 * learner are sent to the login page (pages) or get 401 (APIs); a second
 * instructor gets 404 for the first one's quiz and changes nothing of it.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");

/** Open to everyone: signing in, and signing out (which only ends the caller's own session). */
const PUBLIC_PAGES = new Set(["/instructor/login"]);
const PUBLIC_APIS = new Set(["/api/instructor/login", "/api/instructor/logout"]);

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesNamed(join(dir, entry.name), name) : entry.name === name ? [join(dir, entry.name)] : [],
  );
}

/** "app/instructor/quizzes/[id]/page.tsx" → "/instructor/quizzes/[id]". */
function routeOf(file: string, fileName: string): string {
  const path = relative("app", file).split(sep).join("/").replace(new RegExp(`/?${fileName.replace(".", "\\.")}$`), "");
  return `/${path}`.replace(/\/\([^)]+\)/g, "");
}

const pages = filesNamed("app/instructor", "page.tsx").map((file) => routeOf(file, "page.tsx"));
const apis = filesNamed("app/api/instructor", "route.ts").map((file) => ({
  route: routeOf(file, "route.ts"),
  methods: [...readFileSync(file, "utf8").matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!),
}));

let owner: SeededInstructor;
let other: SeededInstructor;
let quiz: SeededQuiz;
let learnerCookie: string;
/** The owner's uploaded capture: what /api/instructor/captures/[id] names. */
let captureId: string;

const fill = (route: string) => route.replace(/\[(id|code)\]/g, () => (route.startsWith("/api/instructor/captures/") ? captureId : quiz.id));

/** A body each route would accept from the quiz's owner, so that only who is asking decides the answer. */
function bodyFor(route: string, method: string): unknown {
  const definition = readDatabase(databasePath, (raw) => JSON.parse((raw.prepare("SELECT definition FROM InstructorQuiz WHERE id = ?").get(quiz.id) as { definition: string }).definition));
  if (method === "PUT") return { definition };
  if (route.endsWith("/check")) return { definition, lang: "en" };
  if (route.endsWith("/archive")) return { archived: true };
  if (route === "/api/instructor/quizzes") return { from: `copy:${quiz.id}` };
  if (route.endsWith("/password")) return { current: "x".repeat(12), next: "y".repeat(14) };
  return {};
}

async function ask(route: string, method: string, cookie: string | null) {
  const body = method === "GET" ? undefined : JSON.stringify(bodyFor(route, method));
  return rawRequest(appUrl, fill(route), {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}) },
    ...(body ? { body } : {}),
  });
}

function quizRow() {
  return readDatabase(databasePath, (raw) => ({
    ...(raw.prepare("SELECT definition, archivedAt, liveVersionId, code FROM InstructorQuiz WHERE id = ?").get(quiz.id) as object),
    captures: (raw.prepare("SELECT COUNT(*) AS n FROM InstructorCapture WHERE id = ?").get(captureId) as { n: number }).n,
  }));
}

beforeAll(async () => {
  owner = await seedInstructor(databasePath, `owner-${Date.now()}@school.example`);
  other = await seedInstructor(databasePath, `other-${Date.now()}@school.example`);
  quiz = seedPublishedQuiz(databasePath, owner.id, { title: "Owner's private quiz" });
  learnerCookie = await newLearnerCookie(appUrl);
  captureId = seedCapture(databasePath, owner.id, new Uint8Array(readFileSync("content/captures/raw-ip.pcap")));
});

describe("instructor pages and APIs, found on disk", () => {
  it("there are pages and APIs to hold to the rules, and the quiz's owner reaches each of them", async () => {
    expect(pages).toContain("/instructor");
    expect(apis.length).toBeGreaterThan(0);
    for (const page of pages.filter((page) => !PUBLIC_PAGES.has(page) && page !== "/instructor/password")) {
      const reply = await ask(page, "GET", owner.cookie);
      expect(reply.status, `${page} for its owner`).toBe(200);
    }
  });

  for (const [who, cookie] of [
    ["a logged-out visitor", () => null],
    ["a learner", () => learnerCookie],
  ] as const) {
    it(`${who} is sent to the login page from every instructor page`, async () => {
      const failures: string[] = [];
      for (const page of pages.filter((page) => !PUBLIC_PAGES.has(page))) {
        const reply = await ask(page, "GET", cookie());
        const location = reply.headers.location ?? "";
        if (![303, 307, 308].includes(reply.status) || !location.includes("/instructor/login")) failures.push(`${page}: ${reply.status} ${location}`);
      }
      expect(failures).toEqual([]);
    });

    it(`${who} gets 401 from every instructor API`, async () => {
      const failures: string[] = [];
      for (const { route, methods } of apis.filter((api) => !PUBLIC_APIS.has(api.route))) {
        for (const method of methods) {
          const reply = await ask(route, method, cookie());
          if (reply.status !== 401 || !(reply.headers["content-type"] ?? "").includes("application/json")) failures.push(`${method} ${route}: ${reply.status}`);
        }
      }
      expect(failures).toEqual([]);
      expect(quizRow()).toMatchObject({ archivedAt: null, liveVersionId: quiz.versionId, captures: 1 });
    });
  }

  it("a second instructor gets 404 for the first one's quiz on every page and API, and changes nothing", async () => {
    const before = quizRow();
    const failures: string[] = [];
    for (const page of pages.filter((page) => page.includes("[id]"))) {
      const reply = await ask(page, "GET", other.cookie);
      if (reply.status !== 404) failures.push(`GET ${page}: ${reply.status}`);
    }
    for (const { route, methods } of apis.filter((api) => api.route.includes("[id]"))) {
      for (const method of methods) {
        const reply = await ask(route, method, other.cookie);
        if (reply.status !== 404) failures.push(`${method} ${route}: ${reply.status}`);
      }
    }
    const copy = await ask("/api/instructor/quizzes", "POST", other.cookie);
    if (copy.status !== 404) failures.push(`POST /api/instructor/quizzes {from: copy:<another's quiz>}: ${copy.status}`);
    expect(failures).toEqual([]);
    expect(quizRow()).toEqual(before);
    expect(before).toMatchObject({ captures: 1 });
  });

  it("a second instructor's own list shows nothing of the first one's", async () => {
    const page = await ask("/instructor", "GET", other.cookie);
    expect(page.status).toBe(200);
    expect(page.body.toString()).not.toContain(quiz.title);
    const list = await ask("/api/instructor/quizzes", "GET", other.cookie);
    expect(list.status).toBe(200);
    expect(list.body.toString()).not.toContain(quiz.id);
    const captures = await ask("/api/instructor/captures", "GET", other.cookie);
    expect(captures.status).toBe(200);
    expect(captures.body.toString()).not.toContain(captureId);
  });
});
