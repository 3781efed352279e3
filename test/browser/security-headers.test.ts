import Database from "better-sqlite3";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "./browser";
import { seedInstructor, seedPublishedQuiz } from "./instructor-fixture";
import { HTTPS_ORIGIN, rawRequest, serveAsHttps, setCookies, type RawReply, type RawRequest } from "./security-requests";

/*
 * The headers every response carries, asked of the real server over HTTP:
 * every page, every API route (answering success or error), every build asset.
 * "Behind HTTPS" is a request carrying the X-Forwarded-Proto that a TLS proxy
 * in front of `next start` adds.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();

const HTTPS = { "x-forwarded-proto": "https" };
const JSON_BODY = { "content-type": "application/json" };
const NONCE = /'nonce-([A-Za-z0-9+/_-]+={0,2})'/;

type Target = RawRequest & { path: string };

function get(path: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return rawRequest(appUrl, path, { headers });
}

/** The CSP as {directive: [sources]}. */
function policy(reply: RawReply): Record<string, string[]> {
  const header = reply.headers["content-security-policy"];
  expect(header, "a Content-Security-Policy header").toBeTruthy();
  return Object.fromEntries(
    header!
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectFixedHeaders(reply: RawReply, https: boolean, what: string) {
  expect(reply.headers["x-content-type-options"], what).toBe("nosniff");
  expect(reply.headers["x-frame-options"], what).toBe("DENY");
  expect(reply.headers["referrer-policy"], what).toBe("same-origin");
  expect(reply.headers["cross-origin-opener-policy"], what).toBe("same-origin");
  expect(reply.headers["x-powered-by"], what).toBeUndefined();
  if (https) expect(reply.headers["strict-transport-security"], what).toBe("max-age=31536000");
  else expect(reply.headers["strict-transport-security"], `${what}: HSTS over plain http`).toBeUndefined();
}

function expectNothingAllowed(reply: RawReply, what: string) {
  const csp = policy(reply);
  expect(csp["default-src"], what).toEqual(["'none'"]);
  expect(csp["frame-ancestors"], what).toEqual(["'none'"]);
}

/** A learner with a quiz and an interview of their own, and the pages and API routes that show them. */
async function learnerWithSessions() {
  const quiz = await rawRequest(appUrl, "/api/sessions", { method: "POST", headers: JSON_BODY, body: JSON.stringify({ length: 3 }) });
  expect(quiz.status).toBe(201);
  const cookie = `synack_learner=${setCookies(quiz).synack_learner!.value}`;
  const interview = await rawRequest(appUrl, "/api/sessions", { method: "POST", headers: { ...JSON_BODY, cookie }, body: JSON.stringify({ mode: "interview", length: 4 }) });
  expect(interview.status).toBe(201);
  return { cookie, quizId: JSON.parse(quiz.body.toString()).id as string, interviewId: JSON.parse(interview.body.toString()).id as string };
}

let cookie = "";
let pages: string[] = [];
/** Pages asked with another cookie than the learner's: the instructor's pages with the learner's and an instructor's. */
const pageCookies = new Map<string, string>();
let apiRoutes: Target[] = [];
let assets: string[] = [];

beforeAll(async () => {
  const learner = await learnerWithSessions();
  cookie = learner.cookie;
  const file = new Database(databasePath, { readonly: true });
  const note = file.prepare("SELECT id FROM Note WHERE active = 1 ORDER BY \"order\" LIMIT 1").get() as { id: string };
  file.close();
  pages = [
    "/",
    "/review",
    "/quiz",
    `/quiz/${learner.quizId}`,
    "/interview",
    `/interview/${learner.interviewId}`,
    "/learn",
    `/learn/${note.id}`,
    "/learn/diagram",
    "/learn/scenarios?name=lost-last-ack",
    "/progress",
    "/settings",
    "/no-such-page",
    "/learn/no-such-note",
    `/quiz/${"x".repeat(25)}`,
  ];
  // An instructor's pages and APIs, asked by a signed-in instructor; the login page by nobody (a signed-in instructor is sent on).
  const instructor = await seedInstructor(databasePath, `headers-${Date.now()}@example.edu`);
  const shared = seedPublishedQuiz(databasePath, instructor.id);
  const both = `${cookie}; ${instructor.cookie}`;
  const quizPath = `/api/instructor/quizzes/${shared.id}`;
  for (const path of ["/instructor", `/instructor/quizzes/${shared.id}`, `/instructor/quizzes/${shared.id}/preview`, `/instructor/quizzes/${shared.id}/results`, "/instructor/password", "/instructor/quizzes/no-such-quiz"]) {
    pages.push(path);
    pageCookies.set(path, both);
  }
  pages.push("/instructor/login", `/q/${shared.code}`, "/q/NO-SUCH-CODE");
  pageCookies.set("/instructor/login", "");
  const id = learner.quizId;
  apiRoutes = [
    { path: "/api/instructor/quizzes", headers: { cookie: both } },
    { path: "/api/instructor/quizzes", headers: { cookie } },
    { path: quizPath, headers: { cookie: both } },
    { path: `${quizPath}/download`, headers: { cookie: both } },
    { path: `${quizPath}/results.csv`, headers: { cookie: both } },
    { path: "/api/instructor/quizzes/no-such-quiz", headers: { cookie: both } },
    { path: `${quizPath}/check`, method: "POST", headers: { ...JSON_BODY, cookie: both }, body: JSON.stringify({ definition: { title: 1 } }) },
    { path: `${quizPath}/archive`, method: "POST", headers: { ...JSON_BODY, cookie: both }, body: "{}" },
    { path: "/api/instructor/login", method: "POST", headers: JSON_BODY, body: "{}" },
    { path: "/api/instructor/password", method: "POST", headers: { ...JSON_BODY, cookie: both }, body: "[]" },
    { path: `/api/q/${shared.code}/attempts`, method: "POST", headers: JSON_BODY, body: JSON.stringify({ name: "" }) },
    { path: "/api/instructor/quizzes", method: "DELETE", headers: { cookie: both } },
    { path: "/api/review" },
    { path: "/api/progress/export" },
    { path: `/api/sessions/${id}` },
    { path: "/api/sessions/no-such-session" },
    { path: "/api/sessions", method: "POST", headers: JSON_BODY, body: JSON.stringify({ length: 3 }) },
    { path: "/api/sessions", method: "POST", headers: JSON_BODY, body: "{nope" },
    { path: `/api/sessions/${id}/answer`, method: "POST", headers: JSON_BODY, body: JSON.stringify({ position: 0, response: { kind: "choice", choice: 0 } }) },
    { path: `/api/sessions/${id}/answer`, method: "POST", headers: JSON_BODY, body: "[]" },
    { path: `/api/sessions/${id}/finish`, method: "POST", headers: JSON_BODY, body: "{}" },
    { path: "/api/review/grade", method: "POST", headers: JSON_BODY, body: JSON.stringify({ cardId: "x", grade: "perfect" }) },
    { path: "/api/review/undo", method: "POST", headers: JSON_BODY, body: "{}" },
    { path: "/api/profile", method: "POST", headers: JSON_BODY, body: JSON.stringify({ displayName: "Ada" }) },
    { path: "/api/profile", method: "POST", headers: JSON_BODY, body: JSON.stringify({ newCardsPerDay: "many" }) },
    { path: "/api/preferences", method: "POST", headers: JSON_BODY, body: JSON.stringify({ theme: "dark" }) },
    { path: "/api/progress/import", method: "POST", headers: JSON_BODY, body: JSON.stringify({ format: "nope" }) },
    { path: "/api/review", method: "DELETE" },
    { path: "/api/no-such-route" },
  ];
  // Every script, style sheet and icon the pages link to, and a build asset that is not there.
  const linked = new Set<string>();
  for (const path of ["/", `/learn/${note.id}`, "/learn/diagram", "/progress"]) {
    const html = (await get(path, { cookie })).body.toString();
    for (const [, url] of html.matchAll(/(?:src|href)="(\/(?:_next\/static\/|icon)[^"]+)"/g)) linked.add(url!.replace(/&amp;/g, "&"));
  }
  assets = [...linked, "/_next/static/chunks/no-such-chunk.js", "/icon.svg"];
});

describe("security headers on pages", () => {
  it.each([
    ["over http", false],
    ["behind HTTPS", true],
  ])("every page %s: a CSP whose scripts need this response's nonce, and the fixed headers", async (_, https) => {
    for (const path of pages) {
      const reply = await get(path, { cookie: pageCookies.get(path) ?? cookie, ...(https ? HTTPS : {}) });
      expect([200, 404], path).toContain(reply.status);
      expectFixedHeaders(reply, https, path);
      const csp = policy(reply);
      const nonce = NONCE.exec(csp["script-src"]!.join(" "))?.[1];
      expect(nonce, `${path}: a nonce in script-src`).toBeTruthy();
      expect(csp["script-src"], path).toEqual(["'self'", `'nonce-${nonce}'`]);
      expect(csp["style-src"], path).toEqual(["'self'", `'nonce-${nonce}'`]);
      expect(csp["default-src"], path).toEqual(["'self'"]);
      expect(csp["object-src"], path).toEqual(["'none'"]);
      expect(csp["base-uri"], path).toEqual(["'none'"]);
      expect(csp["frame-ancestors"], path).toEqual(["'none'"]);
      expect(csp["form-action"], path).toEqual(["'self'"]);
      expect("upgrade-insecure-requests" in csp, `${path}: upgrade-insecure-requests only behind HTTPS`).toBe(https);

      // Next put this response's nonce on each of its scripts and inline styles; nothing inline goes without.
      const html = reply.body.toString();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of [...scripts, ...[...html.matchAll(/<style\b[^>]*>/g)].map(([tag]) => tag)]) expect(tag, path).toContain(`nonce="${nonce}"`);
      // Attribute values are left out: a quiz title such as `<img onerror=…>` in an aria-label is escaped text there, not a handler.
      const handlers = [...html.matchAll(/<[a-z][^>]*>/gi)].map(([tag]) => tag.replace(/"[^"]*"|'[^']*'/g, '""')).filter((tag) => /\son[a-z]+=/i.test(tag));
      expect(handlers, `${path}: no inline event handler`).toEqual([]);
    }
  });

  it("no two responses share a nonce", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) nonces.add(NONCE.exec((await get("/learn")).headers["content-security-policy"] ?? "")?.[1] ?? "");
    expect(nonces.size).toBe(20);
  });

  it("HSTS and upgrade-insecure-requests follow the first X-Forwarded-Proto, and only https", async () => {
    const cases: [string | undefined, boolean][] = [
      [undefined, false],
      ["http", false],
      ["https", true],
      ["https, http", true],
      ["http, https", false],
      ["httpsx", false],
    ];
    for (const [proto, https] of cases) {
      for (const path of ["/", "/api/review", assets[0]!]) {
        const reply = await get(path, proto ? { "x-forwarded-proto": proto } : {});
        expect(reply.headers["strict-transport-security"] !== undefined, `${path} with X-Forwarded-Proto ${proto}`).toBe(https);
      }
      const page = policy(await get("/", proto ? { "x-forwarded-proto": proto } : {}));
      expect("upgrade-insecure-requests" in page, `X-Forwarded-Proto ${proto}`).toBe(https);
    }
  });
});

describe("security headers on API routes and build assets", () => {
  it.each([
    ["over http", false],
    ["behind HTTPS", true],
  ])("every API route %s, answering success or error: a CSP that allows nothing, and the fixed headers", async (_, https) => {
    const statuses = new Set<number>();
    for (const { path, headers, ...request } of apiRoutes) {
      const reply = await rawRequest(appUrl, path, { ...request, headers: { cookie, ...headers, ...(https ? HTTPS : {}) } });
      const what = `${request.method ?? "GET"} ${path} (${reply.status})`;
      statuses.add(reply.status);
      expectFixedHeaders(reply, https, what);
      expectNothingAllowed(reply, what);
    }
    // Success, bad input, not found and a wrong method are all among them.
    expect([...statuses].some((status) => status < 300)).toBe(true);
    expect(statuses).toContain(400);
    expect(statuses).toContain(404);
    expect(statuses).toContain(405);
  });

  it.each([
    ["over http", false],
    ["behind HTTPS", true],
  ])("every script, style sheet and icon the pages load %s, and a missing asset: the fixed headers", async (_, https) => {
    expect(assets.filter((path) => path.endsWith(".js")).length).toBeGreaterThan(3);
    expect(assets.some((path) => path.endsWith(".css"))).toBe(true);
    for (const path of assets) {
      const reply = await get(path, https ? HTTPS : {});
      expect(reply.status, path).toBe(path.includes("no-such") ? 404 : 200);
      expectFixedHeaders(reply, https, path);
      // Build assets get the CSP that allows nothing; the icon is served by Next as a route and gets a page's.
      if (path.startsWith("/_next/static/")) expectNothingAllowed(reply, path);
      else expect(policy(reply)["frame-ancestors"], path).toEqual(["'none'"]);
    }
  });
});

describe("cookies", () => {
  // A host that is not localhost: browsers treat http://localhost as secure, so SynAck marks its cookie Secure there too.
  const LAN = { host: "synack.lan:3000" };
  const PUBLIC = { host: "synack.example", ...HTTPS };

  async function newLearnerCookie(headers: Record<string, string>) {
    const reply = await rawRequest(appUrl, "/api/profile", { method: "POST", headers: { ...JSON_BODY, ...headers }, body: JSON.stringify({ displayName: "Ada" }) });
    expect(reply.status).toBe(200);
    return setCookies(reply).synack_learner!;
  }

  it("the learner cookie is http-only, SameSite=Lax, for the whole site, and Secure behind HTTPS", async () => {
    const secure = await newLearnerCookie(PUBLIC);
    expect(secure.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secure).toMatchObject({ httponly: "", samesite: "lax", secure: "", path: "/" });
  });

  it("the learner cookie is not Secure over plain http to another host, where a browser would drop a Secure cookie", async () => {
    const plain = await newLearnerCookie(LAN);
    expect(plain).toMatchObject({ httponly: "", samesite: "lax", path: "/" });
    expect(plain).not.toHaveProperty("secure");
  });

  it("the language and theme cookies are SameSite=Lax", async () => {
    const reply = await rawRequest(appUrl, "/api/preferences", { method: "POST", headers: { ...JSON_BODY, ...PUBLIC }, body: JSON.stringify({ lang: "en", theme: "dark" }) });
    const cookies = setCookies(reply);
    expect(Object.keys(cookies).sort()).toEqual(["synack_lang", "synack_theme"]);
    for (const attributes of Object.values(cookies)) expect(attributes).toMatchObject({ samesite: "lax", path: "/" });
  });

  it("the language and theme cookies are http-only, and Secure behind HTTPS but not over plain http to another host", async () => {
    const body = JSON.stringify({ lang: "en", theme: "dark" });
    const secure = await rawRequest(appUrl, "/api/preferences", { method: "POST", headers: { ...JSON_BODY, ...PUBLIC }, body });
    for (const attributes of Object.values(setCookies(secure))) expect(attributes).toMatchObject({ httponly: "", secure: "" });
    const plain = await rawRequest(appUrl, "/api/preferences", { method: "POST", headers: { ...JSON_BODY, ...LAN }, body });
    for (const attributes of Object.values(setCookies(plain))) {
      expect(attributes).toMatchObject({ httponly: "" });
      expect(attributes).not.toHaveProperty("secure");
    }
  });

  it("the learner cookie follows the first X-Forwarded-Proto, as HSTS does", async () => {
    expect(await newLearnerCookie({ ...LAN, "x-forwarded-proto": "https, http" })).toHaveProperty("secure");
    expect(await newLearnerCookie({ ...LAN, "x-forwarded-proto": "http, https" })).not.toHaveProperty("secure");
  });

  it("in Chromium behind HTTPS every cookie is SameSite=Lax; the learner's is Secure and http-only, the time zone's (the page writes it) Secure", async () => {
    const context = await browser().newContext({ locale: "en-US" });
    await serveAsHttps(context, appUrl);
    const page = await context.newPage();
    // The progress page writes the time zone cookie from the page's script; saving a name creates the learner.
    await page.goto(`${HTTPS_ORIGIN}/progress`);
    await page.waitForFunction(() => document.cookie.includes("synack_tz="));
    await page.goto(`${HTTPS_ORIGIN}/settings`);
    await page.getByLabel("Display name").fill("Ada");
    await Promise.all([page.waitForResponse((reply) => reply.url().endsWith("/api/profile") && reply.ok()), page.getByRole("button", { name: "Save" }).first().click()]);
    await Promise.all([page.waitForResponse((reply) => reply.url().endsWith("/api/preferences") && reply.ok()), page.getByRole("button", { name: "中文" }).click()]);

    const cookies = Object.fromEntries((await context.cookies()).map((cookie) => [cookie.name, cookie]));
    expect(Object.keys(cookies).sort()).toEqual(["synack_lang", "synack_learner", "synack_tz"]);
    for (const cookie of Object.values(cookies)) expect(cookie, cookie.name).toMatchObject({ sameSite: "Lax", path: "/" });
    expect(cookies.synack_learner).toMatchObject({ httpOnly: true, secure: true });
    // Written by the page's own script, so it cannot be http-only.
    expect(cookies.synack_tz).toMatchObject({ httpOnly: false, secure: true });
    // synack_lang: see the known gap above.
    await context.close();
  });
});
