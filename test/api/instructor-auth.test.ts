import { createHash, randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LOGIN_WINDOW_MS, loginRetryAfter } from "@/lib/server/login-rate-limit";
import { hashPassword } from "@/lib/server/passwords";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { useAppDatabase } from "./app-database";
import { callRoute, ORIGIN, post } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/*
 * Issue 11, instructor accounts: signing in and out through the route
 * handlers, the session cookie, the login limits, one-time passwords and the
 * password change. Every instructor API guards itself with
 * requireInstructorApi; `guarded` below is such an API.
 */

const PASSWORD = "a long enough passphrase";
let db: PrismaClient;
let passwordHash: string;
// Imported once the test database is in place: they hold the app's client (lib/server/db.ts).
let requireInstructorApi: typeof import("@/lib/server/instructor-auth").requireInstructorApi;
let logIn: typeof import("@/lib/server/instructor-sessions").logIn;
let api: {
  login: typeof import("@/app/api/instructor/login/route");
  logout: typeof import("@/app/api/instructor/logout/route");
  password: typeof import("@/app/api/instructor/password/route");
};

beforeAll(async () => {
  ({ db } = await useAppDatabase());
  passwordHash = await hashPassword(PASSWORD);
  ({ requireInstructorApi } = await import("@/lib/server/instructor-auth"));
  ({ logIn } = await import("@/lib/server/instructor-sessions"));
  api = {
    login: await import("@/app/api/instructor/login/route"),
    logout: await import("@/app/api/instructor/logout/route"),
    password: await import("@/app/api/instructor/password/route"),
  };
});
afterAll(async () => {
  delete process.env.TRUST_PROXY;
  await db.$disconnect();
});
beforeEach(async () => {
  // Each test its own address (TRUST_PROXY=1 and X-Forwarded-For), and no attempts left over from another.
  process.env.TRUST_PROXY = "1";
  await db.loginAttempt.deleteMany();
});

let serial = 0;
async function instructor(mustChangePassword = false) {
  const email = `teacher${++serial}@school.edu`;
  const row = await db.instructor.create({ data: { email, passwordHash, mustChangePassword } });
  return { id: row.id, email };
}

async function session(instructorId: string, { expiresAt = new Date(Date.now() + 3_600_000), revokedAt = null as Date | null } = {}) {
  const token = randomBytes(32).toString("base64url");
  const row = await db.instructorSession.create({ data: { instructorId, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt, revokedAt } });
  return { id: row.id, cookie: `synack_instructor=${token}` };
}

const login = (body: unknown, address = "203.0.113.7", headers: Record<string, string> = {}) =>
  callRoute(api.login.POST, post("/api/instructor/login", body, { "x-forwarded-for": address, ...headers }));

/** An instructor API like any other: 401, 403 or the instructor's id. */
async function guarded(cookie?: string) {
  const handler = async () => {
    const guard = await requireInstructorApi();
    return "response" in guard ? guard.response : NextResponse.json({ id: guard.instructor.id });
  };
  return callRoute(handler, new Request(`${ORIGIN}/api/instructor/quizzes`, { headers: cookie ? { cookie } : {} }));
}

const changePassword = (cookie: string, body: unknown) => callRoute(api.password.POST, post("/api/instructor/password", body, { cookie, "x-forwarded-for": "198.51.100.1" }));

function cookieFrom(setCookie: string | null): string {
  const match = /synack_instructor=([^;]*)/.exec(setCookie ?? "");
  if (!match) throw new Error(`no instructor cookie in ${setCookie}`);
  return `synack_instructor=${match[1]}`;
}

describe("POST /api/instructor/login", () => {
  it("signs in: an http-only SameSite=Strict cookie for 12 hours, and only its SHA-256 stored", async () => {
    const { id, email } = await instructor();
    const reply = await login({ email: email.toUpperCase(), password: PASSWORD }, "203.0.113.7", { "x-forwarded-proto": "https" });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ok: true, mustChangePassword: false });
    const setCookie = reply.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^synack_instructor=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=strict/i);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(/; Max-Age=43200/);
    const token = cookieFrom(setCookie).slice("synack_instructor=".length);
    const row = await db.instructorSession.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } });
    expect(row.instructorId).toBe(id);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * 3600 * 1000);
    expect((await guarded(cookieFrom(setCookie))).json).toEqual({ id });
  });

  it("is not Secure over plain http on another host than localhost (the browser would drop it)", async () => {
    const { email } = await instructor();
    const reply = await login({ email, password: PASSWORD }, "203.0.113.8", { host: "synack.school.lan" });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("set-cookie")).not.toMatch(/Secure/i);
  });

  it("answers a wrong password and an unknown email with the same 401, and sets no cookie", async () => {
    const { email } = await instructor();
    const wrong = await login({ email, password: "not the password" });
    const unknown = await login({ email: "nobody@school.edu", password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toBe(unknown.text);
    expect(wrong.json).toEqual({ error: "The email or password is not right." });
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("answers in the language of the request", async () => {
    const reply = await login({ email: "nobody@school.edu", password: "x" }, "203.0.113.9", { "accept-language": "zh-CN,zh;q=0.9" });
    expect(reply.json).toEqual({ error: "邮箱或密码不正确。" });
  });

  it("refuses the 6th attempt on one account within 15 minutes with 429 and Retry-After, even with the right password", async () => {
    const { email } = await instructor();
    for (let i = 0; i < 5; i++) expect((await login({ email, password: `wrong ${i}` }, `203.0.113.${10 + i}`)).status).toBe(401);
    const blocked = await login({ email, password: PASSWORD }, "203.0.113.99");
    expect(blocked.status).toBe(429);
    expect(blocked.json).toEqual({ error: expect.stringMatching(/^Too many failed sign-ins\. Try again in 1[45] minutes\.$/) });
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(blocked.headers.get("set-cookie")).toBeNull();
    // A blocked attempt is not recorded, so it does not stretch the block.
    expect(await db.loginAttempt.count({ where: { scope: `email:${email}` } })).toBe(5);
  });

  it("holds when guesses arrive all at once: no more than 5 are checked, the rest are 429", async () => {
    const { email } = await instructor();
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => login({ email, password: `guess ${i}` }, `203.0.113.${40 + i}`)));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    // Each checked guess is recorded, each refused one is not.
    expect(await db.loginAttempt.count({ where: { scope: `email:${email}` } })).toBe(statuses.filter((status) => status === 401).length);
  });

  it("lets the account in again once the window has passed, and a success starts its count again (time injected)", async () => {
    const { email } = await instructor();
    const headers = new Headers({ "x-forwarded-for": "192.0.2.1" });
    const start = new Date("2026-12-02T09:00:00Z");
    for (let i = 0; i < 5; i++) expect(await logIn(db, email, "wrong", headers, new Date(start.getTime() + i * 1000))).toEqual({ ok: false, reason: "wrong" });
    expect(await logIn(db, email, PASSWORD, headers, new Date(start.getTime() + 60_000))).toEqual({ ok: false, reason: "rate-limited", retryAfter: 840 });
    const later = new Date(start.getTime() + LOGIN_WINDOW_MS + 1000);
    expect(await logIn(db, email, PASSWORD, headers, later)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) await logIn(db, email, "wrong", headers, new Date(later.getTime() + 1000 + i));
    expect(await loginRetryAfter(db, email, "192.0.2.1", new Date(later.getTime() + 2000))).toBe(0);
  });

  it("refuses an address after 20 failures in 15 minutes, over any accounts, and only that address", async () => {
    for (let i = 0; i < 20; i++) expect((await login({ email: `sprayed${i}@school.edu`, password: "guess" }, "198.51.100.20")).status).toBe(401);
    const { email } = await instructor();
    const blocked = await login({ email, password: PASSWORD }, "198.51.100.20");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login({ email, password: PASSWORD }, "198.51.100.21")).status).toBe(200);
  });

  it("without TRUST_PROXY, ignores X-Forwarded-For: every client shares one bucket, so a forged header buys no guesses", async () => {
    delete process.env.TRUST_PROXY;
    for (let i = 0; i < 20; i++) expect((await login({ email: `forged${i}@school.edu`, password: "guess" }, `10.0.0.${i}`)).status).toBe(401);
    const { email } = await instructor();
    expect((await login({ email, password: PASSWORD }, "10.0.0.200")).status).toBe(429);
    expect(await db.loginAttempt.count({ where: { scope: "ip:direct" } })).toBe(20);
  });

  it("forgets attempts older than the window", async () => {
    await db.loginAttempt.create({ data: { scope: "email:old@school.edu", succeeded: false, createdAt: new Date(Date.now() - LOGIN_WINDOW_MS - 60_000) } });
    await login({ email: "nobody@school.edu", password: "x" });
    expect(await db.loginAttempt.count({ where: { scope: "email:old@school.edu" } })).toBe(0);
  });

  it.each([
    ["no password", { email: "a@school.edu" }, 400, "password"],
    ["an empty password", { email: "a@school.edu", password: "" }, 400, "password"],
    ["not an email", { email: "teacher", password: PASSWORD }, 400, "email"],
    ["a number for the email", { email: 7, password: PASSWORD }, 400, "email"],
    ["an unknown key", { email: "a@school.edu", password: PASSWORD, admin: true }, 400, "body"],
  ])("refuses %s with a 400 naming the field", async (_, body, status, field) => {
    const reply = await login(body);
    expect(reply.status).toBe(status);
    expect(Object.keys((reply.json as { fields: Record<string, string> }).fields)).toContain(field);
  });

  it("refuses a form post (415) without reading it", async () => {
    const reply = await callRoute(api.login.POST, new Request(`${ORIGIN}/api/instructor/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a%40b.c&password=x" }));
    expect(reply.status).toBe(415);
    expect(reply.json).toMatchObject({ fields: { "content-type": expect.any(String) } });
  });
});

describe("sessions", () => {
  it("refuses no cookie, an unknown token, an expired and a revoked session with 401", async () => {
    const { id } = await instructor();
    const expired = await session(id, { expiresAt: new Date(Date.now() - 1000) });
    const revoked = await session(id, { revokedAt: new Date() });
    const live = await session(id);
    for (const cookie of [undefined, "synack_instructor=nonsense", expired.cookie, revoked.cookie]) {
      const reply = await guarded(cookie);
      expect(reply.status, cookie).toBe(401);
      expect(reply.json).toEqual({ error: "sign in as an instructor first" });
    }
    expect((await guarded(live.cookie)).json).toEqual({ id });
  });

  it("logout revokes the session row and clears the cookie; the old cookie no longer works", async () => {
    const { email } = await instructor();
    const cookie = cookieFrom((await login({ email, password: PASSWORD })).headers.get("set-cookie"));
    expect((await guarded(cookie)).status).toBe(200);
    const out = await callRoute(api.logout.POST, new Request(`${ORIGIN}/api/instructor/logout`, { method: "POST", headers: { cookie } }));
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ ok: true });
    expect(out.headers.get("set-cookie")).toMatch(/^synack_instructor=; .*Max-Age=0/i);
    expect((await guarded(cookie)).status).toBe(401);
    const token = cookie.slice("synack_instructor=".length);
    expect((await db.instructorSession.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } })).revokedAt).not.toBeNull();
  });

  it("logout takes {} as well, answers ok when signed out, and refuses a form post", async () => {
    expect((await callRoute(api.logout.POST, post("/api/instructor/logout", {}))).status).toBe(200);
    const form = await callRoute(api.logout.POST, new Request(`${ORIGIN}/api/instructor/logout`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }));
    expect(form.status).toBe(415);
  });
});

describe("one-time passwords and POST /api/instructor/password", () => {
  it("a one-time password signs in but every other API answers 403 until it is changed", async () => {
    const { id, email } = await instructor(true);
    const reply = await login({ email, password: PASSWORD });
    expect(reply.json).toEqual({ ok: true, mustChangePassword: true });
    const cookie = cookieFrom(reply.headers.get("set-cookie"));
    const refused = await guarded(cookie);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ error: "change your one-time password first" });
    const changed = await changePassword(cookie, { current: PASSWORD, next: "my own long passphrase" });
    expect(changed.status).toBe(200);
    expect((await guarded(cookie)).json).toEqual({ id });
    expect((await db.instructor.findUniqueOrThrow({ where: { id } })).mustChangePassword).toBe(false);
  });

  it("ends every other session and keeps this one; the old password stops working, the new one works", async () => {
    const { id, email } = await instructor();
    const here = await session(id);
    const elsewhere = await session(id);
    expect((await changePassword(here.cookie, { current: PASSWORD, next: "another long passphrase" })).status).toBe(200);
    expect((await guarded(here.cookie)).status).toBe(200);
    expect((await guarded(elsewhere.cookie)).status).toBe(401);
    expect((await login({ email, password: PASSWORD })).status).toBe(401);
    expect((await login({ email, password: "another long passphrase" })).status).toBe(200);
  });

  it.each([
    ["a wrong current password", { current: "not it at all", next: "a fine new passphrase" }, "current", "The current password is not right."],
    ["a short new password", { current: PASSWORD, next: "short" }, "next", "The password must have at least 12 characters."],
    ["the email as the password", { current: PASSWORD, next: "EMAIL" }, "next", "The password must not be your email address."],
    ["the same password again", { current: PASSWORD, next: PASSWORD }, "next", "The new password must differ from the current one."],
  ])("refuses %s with a 400 on that field, and changes nothing", async (_, body, field, message) => {
    const { id, email } = await instructor();
    const here = await session(id);
    const before = await db.instructor.findUniqueOrThrow({ where: { id } });
    const reply = await changePassword(here.cookie, { ...body, next: body.next === "EMAIL" ? email : body.next });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error: message, fields: { [field]: message } });
    expect((await db.instructor.findUniqueOrThrow({ where: { id } })).passwordHash).toBe(before.passwordHash);
  });

  it("counts wrong current passwords as failed sign-ins: the 6th try is a 429", async () => {
    const { id } = await instructor();
    const here = await session(id);
    for (let i = 0; i < 5; i++) expect((await changePassword(here.cookie, { current: `wrong ${i}`, next: "a fine new passphrase" })).status).toBe(400);
    const blocked = await changePassword(here.cookie, { current: PASSWORD, next: "a fine new passphrase" });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).not.toBeNull();
  });

  it("refuses anyone not signed in (401) and bad bodies (400, 415) with the field named", async () => {
    expect((await changePassword("", { current: PASSWORD, next: "a fine new passphrase" })).status).toBe(401);
    const { id } = await instructor();
    const here = await session(id);
    const missing = await changePassword(here.cookie, { current: PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ fields: { next: expect.any(String) } });
    const form = await callRoute(api.password.POST, new Request(`${ORIGIN}/api/instructor/password`, { method: "POST", headers: { cookie: here.cookie, "content-type": "multipart/form-data; boundary=x" }, body: "--x--" }));
    expect(form.status).toBe(415);
  });
});
